import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FormError } from './form-error.ts';

/** Environment variable naming the salt file when --salt-file is not given. */
export const SALT_FILE_ENV = 'UNION_TRACKER_SALT_FILE';

/** Fewest characters a salt may have. */
const MIN_SALT_CHARS = 32;

/** The salt read (or created) for deriving enterprise ids. */
export interface Salt {
  readonly path: string;
  readonly value: string;
  /** True when the file did not exist and was created by this run. */
  readonly created: boolean;
  /** True when others than the owner may read the file (mode not 0600 or stricter). */
  readonly readableByOthers: boolean;
}

/**
 * Where the salt file is: `--salt-file`, else the file named by UNION_TRACKER_SALT_FILE, else
 * ~/.config/union-tracker/salt. Returned as an absolute path.
 */
export function saltPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? (env[SALT_FILE_ENV] !== undefined && env[SALT_FILE_ENV] !== '' ? env[SALT_FILE_ENV] : join(homedir(), '.config', 'union-tracker', 'salt'));
  return resolve(chosen);
}

/**
 * The root of the git repository holding `start` (a folder), found by walking up for `.git`,
 * or undefined when it is not inside one.
 */
export function gitRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The project's repository: the one holding this script. */
export function projectRoot(): string | undefined {
  return gitRoot(import.meta.dirname);
}

/**
 * Reads the salt at `path`, or creates it (32 random bytes as hex, mode 0600, its folder 0700)
 * when it does not exist. Refuses with a FormError a path inside the repository `repoRoot`
 * (symbolic links resolved): the salt must never be committed with the project. Refuses an
 * existing salt shorter than 32 characters.
 */
export function loadOrCreateSalt(path: string, repoRoot: string | undefined = projectRoot()): Salt {
  checkSaltLocation(path, repoRoot);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const value = randomBytes(32).toString('hex');
    writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return { path, value, created: true, readableByOthers: false };
  }
  const stat = statSync(path);
  if (!stat.isFile()) throw new FormError('--salt-file', `${path} is not a file; name the salt file`);
  const value = readFileSync(path, 'utf8').trim();
  if (value.length < MIN_SALT_CHARS) {
    throw new FormError('--salt-file', `${path} holds ${value.length} characters; a salt needs at least ${MIN_SALT_CHARS} (delete it only if no ids were ever made with it, and a new one is created)`);
  }
  return { path, value, created: false, readableByOthers: (stat.mode & 0o077) !== 0 };
}

/**
 * Throws a FormError when `path` lies inside the repository `repoRoot` (symbolic links
 * resolved), where the salt could be committed.
 */
export function checkSaltLocation(path: string, repoRoot: string | undefined = projectRoot()): void {
  if (repoRoot !== undefined && isInside(realPathOf(path), realPathOf(repoRoot))) {
    throw new FormError('--salt-file', `${path} is inside the project's git repository (${repoRoot}); keep the salt outside it, e.g. in ~/.config/union-tracker/salt, so it is never committed`);
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `path`, resolving links in the part of it that exists. */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
}
