// The presenter's clocks: elapsed time (start, pause, reset) and the countdown to the talk's allotted
// minutes, which turns to a warning in the last two minutes and shows how far over once past.
import { type DeckData, el, translate } from './state.js'

/** "05:07", "1:02:03", "-00:12" */
export function formatTime(seconds: number): string {
  const s = Math.floor(Math.abs(seconds))
  const hh = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${seconds < 0 ? '-' : ''}${hh > 0 ? `${hh}:` : ''}${mm}:${ss}`
}

export class TalkTimer {
  readonly elapsedBox = el('div', 'hb-clock')
  readonly remainingBox = el('div', 'hb-clock hb-countdown')
  private readonly elapsed = el('b', 'hb-elapsed', '00:00')
  private readonly remaining = el('b', 'hb-remaining')
  private readonly toggle: HTMLButtonElement
  private readonly reset: HTMLButtonElement
  private readonly allotted: number
  private running = false
  private startedAt = 0
  private accumulated = 0

  constructor(private readonly data: DeckData) {
    const t = (key: string) => translate(data, key)
    this.toggle = el('button', 'hb-button', t('start'))
    this.reset = el('button', 'hb-button', t('reset'))
    this.toggle.type = 'button'
    this.reset.type = 'button'
    this.elapsedBox.append(el('span', 'hb-label', t('elapsed')), this.elapsed, this.toggle, this.reset)
    this.remainingBox.append(el('span', 'hb-label', t('remaining')), this.remaining)
    this.allotted = Number(data.talkMinutes) > 0 ? Number(data.talkMinutes) * 60 : 0
    this.toggle.addEventListener('click', () => {
      if (this.running) {
        this.accumulated += Date.now() - this.startedAt
        this.running = false
        this.toggle.textContent = t('resume')
      } else this.start()
      this.toggle.blur() // so that Space/Enter page the slides instead of pressing the button again
      this.tick()
    })
    this.reset.addEventListener('click', () => {
      this.accumulated = 0
      this.startedAt = Date.now()
      if (!this.running) this.toggle.textContent = t('start')
      this.reset.blur()
      this.tick()
    })
    if (!this.allotted) this.remainingBox.hidden = true
    this.tick()
    window.setInterval(() => this.tick(), 250)
  }

  /** Whether the clock has never run (the talk has not started). */
  get untouched(): boolean {
    return !this.running && this.accumulated === 0
  }

  start(): void {
    this.running = true
    this.startedAt = Date.now()
    this.toggle.textContent = translate(this.data, 'pause')
    this.tick()
  }

  private seconds(): number {
    return (this.accumulated + (this.running ? Date.now() - this.startedAt : 0)) / 1000
  }

  private tick(): void {
    const s = this.seconds()
    this.elapsed.textContent = formatTime(s)
    if (this.allotted) {
      const left = this.allotted - s
      this.remaining.textContent = formatTime(left < 0 ? Math.floor(left) : Math.ceil(left))
      this.remainingBox.classList.toggle('hb-over', left < 0)
      this.remainingBox.classList.toggle('hb-close', left >= 0 && left < 120)
    }
  }
}
