/** Zod building blocks for strategy parameters (durations accept ms numbers or "5ms"/"200us"/"2s"). */
import { z } from 'zod';
import { parseDuration } from '../config/duration.js';

/** A duration parameter, resolved to microseconds. */
export const durationParam = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const us = parseDuration(v);
  if (typeof us === 'string') {
    ctx.addIssue({ code: 'custom', message: us });
    return z.NEVER;
  }
  if (us < 0) {
    ctx.addIssue({ code: 'custom', message: `must not be negative (got ${v})` });
    return z.NEVER;
  }
  return us;
});

/** A strictly positive duration parameter, in microseconds. */
export const positiveDurationParam = durationParam.refine((us) => us > 0, { message: 'must be greater than 0' });
