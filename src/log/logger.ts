// The logger every stage writes through. It is passed in the BuildContext rather than being a
// module-level singleton, so parallel builds and tests each see only their own messages.
import pc from 'picocolors'

export interface Logger {
  info(message: string): void
  warn(message: string): void
  debug(message: string): void
}

export interface ConsoleLoggerOptions {
  quiet?: boolean
  debug?: boolean
  stream?: NodeJS.WritableStream
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const out = options.stream ?? process.stderr
  return {
    info: (m) => {
      if (!options.quiet) out.write(`${m}\n`)
    },
    warn: (m) => out.write(`${pc.yellow('warning')} ${m}\n`),
    debug: (m) => {
      if (options.debug) out.write(`${pc.dim(m)}\n`)
    },
  }
}

/** A logger that records messages, for tests that check warnings exactly. */
export function createMemoryLogger(): Logger & {
  infos: string[]
  warnings: string[]
  debugs: string[]
} {
  const infos: string[] = []
  const warnings: string[] = []
  const debugs: string[] = []
  return {
    infos,
    warnings,
    debugs,
    info: (m) => infos.push(m),
    warn: (m) => warnings.push(m),
    debug: (m) => debugs.push(m),
  }
}
