/** Vitest set-up file: after each test file, the temporary folders it made with `tempDir()` are removed. */
import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/cli.js';

afterAll(removeTempDirs);
