// The one rule for reading a file that data, an overlay, a template, a theme or a chart names (logos,
// images, fonts, CSV/JSON, partials, theme files) and for the report files themselves:
//   1. symlinks are resolved first (realpath), and the real place must lie inside one of the allowed
//      folders (the report's or the project's), so a link to /etc/passwd is refused, not embedded;
//   2. only a regular file is read: a FIFO would block for ever, /dev/zero never ends, a folder fails
//      with EISDIR; the file is opened non-blocking and checked with fstat on the open descriptor;
//   3. the size is counted while reading (stat().size is 0 for devices and pipes) and reading stops
//      one chunk past the limit;
//   4. the whole read runs under a time limit (a hung network mount does not hang the build).
// A refusal is an UnsafeFileError (invalid input, exit 1) at the place that named the path.

import { constants } from 'node:fs'
import { type FileHandle, open, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ReportError, type SourceLocation } from '../errors.js'
import { displayPath } from './paths.js'

/** Largest file read by default: fonts and images of a report are well below this. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024
/** Longest a single read may take by default. */
export const DEFAULT_READ_TIMEOUT_MS = 15_000
const CHUNK = 64 * 1024

export interface SafeReadOptions {
  /**
   * Folders the file must really lie in (after symlinks are resolved). Leave out only for a path the
   * user named on the command line (the report itself).
   */
  roots?: readonly string[]
  /** Most bytes accepted (default 20 MB). */
  maxBytes?: number
  /** Time limit for the whole read in ms (default 15 s). */
  timeoutMs?: number
  /** What the file is, for messages: "the logo", "chart data", "the template". */
  what?: string
  /** The file:line that named the path; the refusal is reported there. */
  location?: SourceLocation
}

/** A path that may not or cannot be read; `reason` says why in a few words. */
export class UnsafeFileError extends ReportError {
  /** For a file over the size limit: its size as the file system gives it (regular files only). */
  size?: number

  constructor(
    readonly file: string,
    readonly reason: string,
    options: SafeReadOptions & { cause?: unknown } = {},
  ) {
    super(`${options.what ?? 'file'} ${displayPath(file)}: ${reason}`, {
      location: options.location,
      cause: options.cause,
    })
  }
}

/** Whether `real` lies strictly inside `root` (both already free of symlinks). */
export function isInside(root: string, real: string): boolean {
  const rel = relative(root, real)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

function reasonFor(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist'
    case 'ENOTDIR':
      return 'does not exist (a part of the path is a file, not a folder)'
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied'
    case 'ELOOP':
      return 'is a loop of symbolic links'
    case 'ENAMETOOLONG':
      return 'the path is too long'
    case 'EISDIR':
      return 'is a folder, not a file'
    default:
      return `cannot be read (${code ?? 'unknown error'})`
  }
}

/**
 * The real path of `file` (symlinks resolved), refused unless it lies inside one of `roots` and is a
 * regular file. Use it to check a path early (at load) that is read later.
 */
export async function resolveSafePath(file: string, options: SafeReadOptions = {}): Promise<string> {
  const abs = resolve(file)
  const real = await resolveInsideRoots(abs, options)
  const handle = await openRegular(abs, real, options)
  await handle.close()
  return real
}

/** Opens without blocking (a FIFO would wait for a writer) and accepts only a regular file. */
async function openRegular(abs: string, real: string, options: SafeReadOptions): Promise<FileHandle> {
  let handle: FileHandle
  try {
    handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (cause) {
    throw new UnsafeFileError(abs, reasonFor((cause as NodeJS.ErrnoException).code), options)
  }
  const stats = await handle.stat()
  if (!stats.isFile()) {
    await handle.close()
    const kind = stats.isDirectory()
      ? 'a folder'
      : stats.isFIFO()
        ? 'a named pipe (FIFO)'
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? 'a device'
          : stats.isSocket()
            ? 'a socket'
            : 'not a regular file'
    throw new UnsafeFileError(
      abs,
      `is ${kind}${kind.startsWith('not') ? '' : ', not a regular file'}`,
      options,
    )
  }
  return handle
}

/** Reads a file under the rule above. Throws UnsafeFileError. */
export async function safeReadFile(file: string, options: SafeReadOptions = {}): Promise<Buffer> {
  const abs = resolve(file)
  const real = await resolveInsideRoots(abs, options)
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS
  const handle = await openRegular(abs, real, options)
  const statSize = (await handle.stat()).size
  let timer: NodeJS.Timeout | undefined
  let timedOut = false
  const reading = (async () => {
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      if (timedOut) return undefined
      const buffer = Buffer.allocUnsafe(CHUNK)
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > maxBytes) {
        const error = new UnsafeFileError(
          abs,
          `is larger than the limit of ${formatBytes(maxBytes)}`,
          options,
        )
        error.size = Math.max(statSize, total)
        throw error
      }
      chunks.push(buffer.subarray(0, bytesRead))
    }
    return Buffer.concat(chunks, total)
  })()
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      reject(new UnsafeFileError(abs, `could not be read within ${timeoutMs / 1000} s`, options))
    }, timeoutMs)
    timer.unref?.()
  })
  reading.catch(() => undefined)
  try {
    const bytes = await Promise.race([reading, limit])
    return bytes as Buffer
  } finally {
    clearTimeout(timer)
    await handle.close().catch(() => undefined)
  }
}

/** Reads a UTF-8 text file under the rule above. */
export async function safeReadText(file: string, options: SafeReadOptions = {}): Promise<string> {
  return (await safeReadFile(file, options)).toString('utf8')
}

/** realpath + roots check, without opening (safeReadFile opens once, itself). */
async function resolveInsideRoots(abs: string, options: SafeReadOptions): Promise<string> {
  if (abs.includes('\0')) throw new UnsafeFileError(abs, 'the path holds a NUL character', options)
  let real: string
  try {
    real = await realpath(abs)
  } catch (cause) {
    throw new UnsafeFileError(abs, reasonFor((cause as NodeJS.ErrnoException).code), options)
  }
  if (options.roots) {
    const roots = await Promise.all(options.roots.map((r) => realpath(r).catch(() => resolve(r))))
    if (!roots.some((root) => isInside(root, real))) {
      const via = real === abs ? '' : ` (it leads to ${real})`
      throw new UnsafeFileError(
        abs,
        `is outside the project${via}; only files inside the report's or the project's folder may be used`,
        options,
      )
    }
  }
  return real
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/** Whether a read failed only because the file is not there (callers then say what was expected). */
export function isMissingFile(error: unknown): boolean {
  return error instanceof UnsafeFileError && error.reason.startsWith('does not exist')
}
