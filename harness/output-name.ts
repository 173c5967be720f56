/**
 * The default output folder of a suite, `results/<folder name>`: distinct suite names always get
 * distinct folder names, also on case-insensitive file systems. A plain name (lower-case letters,
 * digits, `.`, `_`, `-`; starting with a letter or digit, not ending with `.`, at most 64
 * characters) is kept as it is; any other name becomes a readable slug plus `-` and the first 10
 * hex digits of the name's SHA-256, e.g. `My Suite` → `my-suite-<hash>`, `a/b` → `a-b-<hash>`.
 */
import { createHash } from 'node:crypto';

const PLAIN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9_-])?$/;
/** What a hashed folder name ends with; a plain name that looks like one is hashed too, so the two kinds never meet. */
const HASHED_TAIL = /-[0-9a-f]{10}$/;
/** Device names Windows reserves (with any extension). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/;

/** The folder name for suite `name` (see the module comment). */
export function suiteFolderName(name: string): string {
  if (PLAIN.test(name) && !HASHED_TAIL.test(name) && !WINDOWS_RESERVED.test(name)) return name;
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-.]+$/g, '')
      .slice(0, 48)
      .replace(/[-.]+$/, '') || 'suite';
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 10);
  return `${slug}-${hash}`;
}
