/** Duration parsing and formatting for suite files (the implementation lives beside the strategy contract, which needs it too). */
export { formatDuration, parseDuration } from '../runtime/duration.js';
