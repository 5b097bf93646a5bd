// What deck.html would need from outside itself, collected while the page is put together, so that
// the build fails once with every offending resource named (a ConfinementError) instead of the CSP
// silently blocking them on the presenter's laptop.
import { ConfinementError, type Problem } from '../../errors.js'

export class Confinement {
  readonly problems: Problem[] = []

  refuse(message: string): void {
    this.problems.push({ message })
  }

  /** Throws a ConfinementError naming every refused resource, if there is one. */
  check(): void {
    if (this.problems.length === 0) return
    throw new ConfinementError(
      `deck.html would need ${this.problems.length} resource(s) from outside the file`,
      {
        problems: this.problems,
        hint: 'deck.html must present offline: use project files (they are inlined) or data: URIs, never URLs or scripts',
      },
    )
  }
}

/** A piece of markup or CSS on one line, short enough for a message. */
export function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine
}
