// Keeping the two windows in step. The presenter window is opened by the audience window (key P).
// They talk through window.postMessage (works between file:// windows, whose origin is opaque) and a
// BroadcastChannel (Chromium shares it between file:// pages, which re-links the two windows after
// a reload). The same message may arrive on both paths: each carries its sender and a sequence
// number, and only the newest from a sender counts.
import type { Blank, DeckState } from './state.js'

export type MessageType = 'hello' | 'state'

interface SyncMessage {
  huibao: string
  from: string
  sender: string
  seq: number
  type: MessageType
  index: number
  blank: Blank
}

export interface SyncHandlers {
  /** the other window moved or blanked its screen */
  state(index: number, blank: Blank): void
}

export class Sync {
  private readonly sender = Math.random().toString(36).slice(2)
  private seq = 0
  private readonly lastSeq = new Map<string, number>()
  /** The window we talk to by postMessage: the presenter's opener, or the audience's pop-up. */
  private peer: Window | null
  private readonly channel: BroadcastChannel | null
  private readonly targetOrigin: string
  /** The presenter pop-up this (audience) window opened. */
  presenterWindow: Window | null = null

  constructor(
    private readonly state: DeckState,
    private readonly handlers: SyncHandlers,
  ) {
    this.peer = state.role === 'presenter' ? window.opener : null
    let channel: BroadcastChannel | null
    try {
      channel = new BroadcastChannel(`huibao-deck:${state.data.id}`)
    } catch {
      channel = null // opaque origins in some browsers: postMessage alone still works
    }
    this.channel = channel
    // file:// pages have an opaque origin (reported as "null", or "file://" in Chromium's location),
    // which postMessage cannot name; then any target is allowed, and we check the sending window.
    const opaque = location.protocol === 'file:' || !location.origin || location.origin === 'null'
    this.targetOrigin = opaque ? '*' : location.origin
    this.channel?.addEventListener('message', (event) => this.receive(event.data, null))
    window.addEventListener('message', (event) => {
      // Only our own two windows: the presenter listens to its opener, the audience to its pop-up.
      const known =
        state.role === 'presenter' ? event.source === window.opener : event.source === this.presenterWindow
      if (!known || (this.targetOrigin !== '*' && event.origin !== this.targetOrigin)) return
      this.receive(event.data, event.source as Window | null)
    })
  }

  /** The pop-up just opened becomes the window we post to. */
  linkPresenter(presenter: Window): void {
    this.presenterWindow = presenter
    this.peer = presenter
  }

  send(type: MessageType): void {
    const { state } = this
    const message: SyncMessage = {
      huibao: state.data.id,
      from: state.role,
      sender: this.sender,
      seq: ++this.seq,
      type,
      index: state.index,
      blank: state.blank,
    }
    this.channel?.postMessage(message)
    if (this.peer && !this.peer.closed) {
      try {
        this.peer.postMessage(message, this.targetOrigin)
      } catch {
        this.peer = null
      }
    }
  }

  private receive(message: SyncMessage | undefined, source: Window | null): void {
    const { state } = this
    if (!message || message.huibao !== state.data.id || message.from === state.role) return
    // The same message may arrive on both paths, and the paths may interleave: keep the newest.
    if ((this.lastSeq.get(message.sender) ?? 0) >= message.seq) return
    this.lastSeq.set(message.sender, message.seq)
    if (source && state.role === 'audience') this.peer = source
    if (message.type === 'hello') {
      this.send('state')
      return
    }
    if (message.type === 'state' && Number.isInteger(message.index)) {
      this.handlers.state(
        message.index,
        message.blank === 'black' || message.blank === 'white' ? message.blank : '',
      )
    }
  }
}
