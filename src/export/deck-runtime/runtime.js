// huibao deck runtime: turns Marp's static slides into a presentation that works from disk.
//
// Plain browser JavaScript with no dependencies, inlined into deck.html at build time and allowed to
// run by a Content-Security-Policy hash. It never inserts markup built from strings: every text that
// comes from the report (notes, titles) is set with textContent, so report text stays text.
//
// Two roles share this one file:
//   audience  (deck.html#3)            one slide at a time, scaled to the window
//   presenter (deck.html?presenter#3)  current + next slide, notes, timers, counter
// The presenter window is opened by the audience window (key P). They keep each other in step with
// window.postMessage (works between file:// windows, whose origin is opaque) and a BroadcastChannel
// (Chromium shares it between file:// pages, which re-links the two windows after a reload).
;(() => {
  const dataElement = document.getElementById('hb-data')
  const deck = document.querySelector('div.marpit')
  if (!dataElement || !deck) return
  /** { id, notes[], titles[], talkMinutes, strings{} } written by src/export/deck-html.ts */
  const data = JSON.parse(dataElement.textContent || '{}')
  const strings = data.strings || {}
  const t = (key, vars) =>
    String(strings[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) =>
      vars && name in vars ? vars[name] : whole,
    )

  // With Marp's inline SVG (the default) each slide is one <svg data-marpit-svg>, which letterboxes
  // itself through its viewBox. Without it, slides are bare <section>s that we scale with a transform.
  let slides = [...deck.querySelectorAll(':scope > svg[data-marpit-svg]')]
  const svgMode = slides.length > 0
  if (!svgMode) slides = [...deck.querySelectorAll(':scope > section')]
  const total = slides.length
  if (total === 0) return

  const role = new URLSearchParams(location.search).has('presenter') ? 'presenter' : 'audience'
  const root = document.documentElement
  root.classList.add('hb-js', `hb-${role}`, svgMode ? 'hb-svg' : 'hb-sections')

  /** Current slide, 0-based. The URL shows it 1-based (#3), as people count slides. */
  let index = -1
  /** '' | 'black' | 'white': the audience screen blanked for a pause. */
  let blank = ''

  const el = (tag, className, text) => {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }
  const clamp = (i) => Math.max(0, Math.min(total - 1, i))

  /** "#3" -> 2; anything else -> undefined. */
  const hashIndex = () => {
    const match = /^#(\d+)$/.exec(location.hash)
    return match ? clamp(Number(match[1]) - 1) : undefined
  }

  // ---------------------------------------------------------------------------------------------
  // Overlays shared by both roles: the slide counter, a short message line (number being typed,
  // blocked pop-up) and the curtain used for blackout/whiteout.

  const counter = el('div', 'hb-counter')
  counter.setAttribute('aria-live', 'polite')
  const osd = el('div', 'hb-osd')
  const curtain = el('div', 'hb-curtain')
  let osdTimer = 0
  const say = (text, ms = 2500) => {
    osd.textContent = text
    osd.classList.toggle('hb-show', Boolean(text))
    clearTimeout(osdTimer)
    if (text && ms > 0) osdTimer = setTimeout(() => say(''), ms)
  }

  // ---------------------------------------------------------------------------------------------
  // Scaling. SVG slides need nothing (width/height 100% + viewBox = letterboxed). Section slides
  // are measured and scaled into their box.

  const fitSection = (section, box) => {
    const w = section.offsetWidth || 1280
    const h = section.offsetHeight || 720
    const s = Math.min(box.clientWidth / w, box.clientHeight / h) || 1
    // centred on the projector; top-left in the presenter's panes, under their labels
    const centre = !box.classList.contains('hb-pane')
    const x = centre ? (box.clientWidth - w * s) / 2 : 0
    const y = centre ? (box.clientHeight - h * s) / 2 : 0
    // a custom property rather than style.transform, so that print (which ignores it) needs no !important
    section.style.setProperty('--hb-fit', `translate(${x}px, ${y}px) scale(${s})`)
  }
  const fitAll = () => {
    if (svgMode) return
    for (const box of document.querySelectorAll('.hb-fit')) {
      for (const section of box.querySelectorAll(':scope > section')) fitSection(section, box)
    }
  }
  // A pane changes size with the window, but also when the web fonts arrive and the presenter's
  // top bar grows: watch the boxes themselves.
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => fitAll()) : null
  const watchBox = (box) => (resized ? resized.observe(box) : window.addEventListener('resize', fitAll))

  // ---------------------------------------------------------------------------------------------
  // Syncing the two windows.

  const sender = Math.random().toString(36).slice(2)
  let seq = 0
  const lastSeq = new Map()
  /** Windows we talk to by postMessage: the presenter's opener, or the audience's pop-up. */
  let peer = role === 'presenter' ? window.opener : null
  let channel = null
  try {
    channel = new BroadcastChannel(`huibao-deck:${data.id}`)
  } catch {
    channel = null // opaque origins in some browsers: postMessage alone still works
  }
  // file:// pages have an opaque origin (reported as "null", or "file://" in Chromium's location),
  // which postMessage cannot name; then any target is allowed, and we check the sending window instead.
  const opaque = location.protocol === 'file:' || !location.origin || location.origin === 'null'
  const targetOrigin = opaque ? '*' : location.origin

  const send = (type) => {
    const message = { huibao: data.id, from: role, sender, seq: ++seq, type, index, blank }
    channel?.postMessage(message)
    if (peer && !peer.closed) {
      try {
        peer.postMessage(message, targetOrigin)
      } catch {
        peer = null
      }
    }
  }

  const receive = (message, source) => {
    if (!message || message.huibao !== data.id || message.from === role) return
    // The same message may arrive on both paths, and the paths may interleave: keep the newest.
    if ((lastSeq.get(message.sender) ?? 0) >= message.seq) return
    lastSeq.set(message.sender, message.seq)
    if (source && role === 'audience') peer = source
    if (message.type === 'hello') {
      send('state')
      return
    }
    if (message.type === 'state' && Number.isInteger(message.index)) {
      setBlank(message.blank === 'black' || message.blank === 'white' ? message.blank : '', true)
      go(message.index, true)
    }
  }
  channel?.addEventListener('message', (event) => receive(event.data, null))
  window.addEventListener('message', (event) => {
    // Only our own two windows: the presenter listens to its opener, the audience to its pop-up.
    const known = role === 'presenter' ? event.source === window.opener : event.source === presenterWindow
    if (!known || (targetOrigin !== '*' && event.origin !== targetOrigin)) return
    receive(event.data, event.source)
  })

  // ---------------------------------------------------------------------------------------------
  // Navigation.

  const views = [] // render(index) callbacks of the current role

  function go(target, remote = false) {
    const next = clamp(Number(target) || 0)
    const changed = next !== index
    if (changed) {
      if (index >= 0) slides[index]?.classList.remove('hb-active')
      slides[index]?.setAttribute('aria-hidden', 'true')
      index = next
      slides[index]?.classList.add('hb-active')
      slides[index]?.removeAttribute('aria-hidden')
      root.dataset.slide = String(index + 1)
      counter.textContent = `${index + 1} / ${total}`
      for (const view of views) view(index)
    }
    // replaceState, not a new history entry per slide: Back leaves the deck instead of paging.
    const hash = `#${index + 1}`
    if (location.hash !== hash) history.replaceState(history.state, '', hash)
    if (changed && !remote) send('state')
  }

  function setBlank(mode, remote = false) {
    blank = blank === mode ? '' : mode
    if (remote) blank = mode
    root.dataset.blank = blank
    curtain.className = `hb-curtain${blank ? ` hb-${blank}` : ''}`
    for (const view of views) view(index)
    if (!remote) send('state')
  }

  const next = () => go(index + 1)
  const prev = () => go(index - 1)

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined)
    else root.requestFullscreen?.().catch(() => undefined)
  }

  let presenterWindow = null
  function openPresenter() {
    if (presenterWindow && !presenterWindow.closed) {
      presenterWindow.focus()
      return
    }
    // The same file in presenter mode; a fixed window name so a second P (or a reload of this window)
    // reuses the presenter window instead of stacking new ones.
    const url = new URL(`?presenter#${index + 1}`, location.href).href
    presenterWindow = window.open(url, `huibao-presenter-${data.id}`, 'popup,width=1280,height=800')
    if (presenterWindow) peer = presenterWindow
    else say(t('popupBlocked'), 5000)
  }

  // Digits typed and then Enter jump to that slide (like PowerPoint); the number shows while typing.
  let typed = ''
  let typedTimer = 0
  const setTyped = (value) => {
    typed = value.slice(0, 4)
    clearTimeout(typedTimer)
    if (typed) {
      say(t('goto', { n: typed }), 0)
      typedTimer = setTimeout(() => setTyped(''), 4000)
    } else say('')
  }

  window.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return
    const target = event.target
    if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return
    const key = event.key
    let handled = true
    if (/^[0-9]$/.test(key)) setTyped(typed + key)
    else if (key === 'Enter' && typed) {
      go(Number(typed) - 1)
      setTyped('')
    } else if (key === 'Backspace' && typed) setTyped(typed.slice(0, -1))
    else if (key === 'Escape') {
      if (typed) setTyped('')
      else if (blank) setBlank(blank)
      else handled = false // leave Escape to the browser (it ends fullscreen)
    } else if (key === ' ' && event.shiftKey) prev()
    else {
      switch (key) {
        case 'ArrowRight':
        case 'ArrowDown':
        case 'PageDown': // presentation clickers send PageDown/PageUp
        case ' ':
        case 'Enter':
          next()
          break
        case 'ArrowLeft':
        case 'ArrowUp':
        case 'PageUp':
        case 'Backspace':
          prev()
          break
        case 'Home':
          go(0)
          break
        case 'End':
          go(total - 1)
          break
        case 'f':
        case 'F':
          toggleFullscreen()
          break
        case 'b':
        case 'B':
        case '.': // clickers' "blank screen" button sends "." (or b)
          setBlank('black')
          break
        case 'w':
        case 'W':
        case ',':
          setBlank('white')
          break
        case 'p':
        case 'P':
          if (role === 'audience') openPresenter()
          break
        default:
          handled = false
      }
    }
    if (handled) event.preventDefault()
  })

  // The address bar is also a way to navigate (#7 typed by hand, or a link to #7 inside a slide).
  window.addEventListener('hashchange', () => {
    const i = hashIndex()
    if (i !== undefined) go(i)
  })

  /** Click or tap advances; a horizontal swipe goes either way; links and buttons keep their job. */
  function clickToAdvance(area) {
    let start = null
    let swiped = false
    area.addEventListener('pointerdown', (event) => {
      start = { x: event.clientX, y: event.clientY }
      swiped = false
    })
    area.addEventListener('pointerup', (event) => {
      if (!start) return
      const dx = event.clientX - start.x
      const dy = event.clientY - start.y
      start = null
      if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) {
        swiped = true
        if (dx < 0) next()
        else prev()
      }
    })
    area.addEventListener('click', (event) => {
      if (swiped || event.button !== 0) return
      if (event.target instanceof Element && event.target.closest('a, button, input, select, textarea'))
        return
      if (String(window.getSelection?.() ?? '')) return
      next()
    })
  }

  // ---------------------------------------------------------------------------------------------
  // Audience view.

  function setupAudience() {
    deck.classList.add('hb-stage', 'hb-fit')
    if (!svgMode) watchBox(deck)
    for (const slide of slides) {
      slide.classList.add('hb-slide')
      slide.setAttribute('aria-hidden', 'true')
    }
    document.body.append(curtain, counter, osd)
    clickToAdvance(deck)
    // Hide the mouse pointer on the projected slide until it moves again.
    let idle = 0
    const wake = () => {
      root.classList.remove('hb-idle')
      clearTimeout(idle)
      idle = setTimeout(() => root.classList.add('hb-idle'), 2500)
    }
    window.addEventListener('pointermove', wake)
    wake()
    views.push(() => fitAll())
  }

  // ---------------------------------------------------------------------------------------------
  // Presenter view: built from DOM nodes; the slides shown are clones of the deck's own slides, put
  // inside a div.marpit so that the theme's selectors (div.marpit > svg > foreignObject > section)
  // still match them.

  const formatTime = (seconds) => {
    const s = Math.floor(Math.abs(seconds))
    const hh = Math.floor(s / 3600)
    const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
    const ss = String(s % 60).padStart(2, '0')
    return `${seconds < 0 ? '-' : ''}${hh > 0 ? `${hh}:` : ''}${mm}:${ss}`
  }

  /** A copy of slide i for a presenter pane; align says where it sits in a pane of another shape. */
  function cloneSlide(i, align) {
    const copy = slides[i].cloneNode(true)
    if (copy.tagName.toLowerCase() === 'svg') copy.setAttribute('preserveAspectRatio', align)
    copy.classList.remove('hb-slide', 'hb-active')
    copy.removeAttribute('aria-hidden')
    copy.setAttribute('aria-hidden', 'true') // the counter and notes are what a screen reader needs here
    // Ids stay unique in the document: the slide anchors (#3) must keep pointing at the deck itself.
    for (const section of copy.querySelectorAll('section[id]')) section.removeAttribute('id')
    if (copy.tagName === 'SECTION') copy.removeAttribute('id')
    copy.style.removeProperty('--hb-fit')
    uniqueIds(copy)
    return copy
  }

  // A chart's inline SVG refers to its own parts by id (clip paths, gradients: url(#clip3)). In a
  // copy those ids would repeat, and a reference resolves to the first element with the id: the
  // one in the hidden deck, which draws nothing, so the copy lost its bars. Every id inside a copy
  // gets a suffix of its own, and every reference to it follows.
  let copies = 0
  function uniqueIds(copy) {
    const suffix = `-hb${++copies}`
    const renamed = new Map()
    for (const node of copy.querySelectorAll('[id]')) {
      renamed.set(node.id, node.id + suffix)
      node.id += suffix
    }
    if (renamed.size === 0) return
    const follow = (value) =>
      value
        .replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (whole, q, id) =>
          renamed.has(id) ? `url(${q}#${renamed.get(id)}${q})` : whole,
        )
        .replace(/^#(.+)$/, (whole, id) => (renamed.has(id) ? `#${renamed.get(id)}` : whole))
    for (const node of copy.querySelectorAll('*')) {
      for (const attr of [...node.attributes]) {
        if (attr.value.includes('#')) {
          const value = follow(attr.value)
          // through the Attr itself: keeps the namespace of xlink:href
          if (value !== attr.value) attr.value = value
        }
      }
    }
  }

  function setupPresenter() {
    document.title = `${t('presenter')} · ${document.title}`
    deck.classList.add('hb-source')
    deck.setAttribute('aria-hidden', 'true')

    const ui = el('div', 'hb-console')
    const bar = el('header', 'hb-bar')
    const elapsedBox = el('div', 'hb-clock')
    const elapsedLabel = el('span', 'hb-label', t('elapsed'))
    const elapsed = el('b', 'hb-elapsed', '00:00')
    const toggle = el('button', 'hb-button', t('start'))
    const reset = el('button', 'hb-button', t('reset'))
    toggle.type = 'button'
    reset.type = 'button'
    elapsedBox.append(elapsedLabel, elapsed, toggle, reset)
    const remainingBox = el('div', 'hb-clock hb-countdown')
    const remainingLabel = el('span', 'hb-label', t('remaining'))
    const remaining = el('b', 'hb-remaining')
    remainingBox.append(remainingLabel, remaining)
    const status = el('div', 'hb-status')
    const count = el('div', 'hb-count')
    bar.append(elapsedBox, remainingBox, status, count)

    // Left: the current slide large, the next one smaller below it. Right: the notes over the full
    // height, because notes for a report are often the spoken text itself and run long.
    const slideColumn = el('div', 'hb-slides')
    const currentPane = el('div', 'marpit hb-pane hb-fit hb-current')
    const nextLabel = el('h2', 'hb-label', t('next'))
    const nextPane = el('div', 'marpit hb-pane hb-fit hb-next')
    slideColumn.append(currentPane, nextLabel, nextPane)
    const side = el('aside', 'hb-side')
    const notesLabel = el('h2', 'hb-label', t('notes'))
    const notes = el('div', 'hb-notes')
    notes.tabIndex = 0 // scrollable with the keyboard too (arrow keys still page the slides)
    side.append(notesLabel, notes)
    ui.append(bar, slideColumn, side)
    document.body.append(ui, osd)
    clickToAdvance(currentPane)
    clickToAdvance(nextPane)
    if (!svgMode) {
      watchBox(currentPane)
      watchBox(nextPane)
    }

    let shown = -1
    views.push((i) => {
      currentPane.replaceChildren(cloneSlide(i, 'xMinYMin meet'))
      if (i + 1 < total) nextPane.replaceChildren(cloneSlide(i + 1, 'xMinYMin meet'))
      else nextPane.replaceChildren(el('p', 'hb-end', t('end')))
      const text = String(data.notes?.[i] ?? '').trim()
      notes.textContent = text || t('noNotes')
      notes.classList.toggle('hb-empty', !text)
      notes.scrollTop = 0
      count.textContent = `${i + 1} / ${total}`
      status.textContent = blank === 'black' ? t('blackout') : blank === 'white' ? t('whiteout') : ''
      status.classList.toggle('hb-show', Boolean(blank))
      fitAll()
      // The timer starts with the talk: the first change of slide after this window opened.
      if (shown >= 0 && i !== shown && !running && accumulated === 0) startTimer()
      shown = i
    })

    // Elapsed time (start/pause/reset) and the countdown to the allotted minutes.
    let running = false
    let startedAt = 0
    let accumulated = 0
    const seconds = () => (accumulated + (running ? Date.now() - startedAt : 0)) / 1000
    const allotted = Number(data.talkMinutes) > 0 ? Number(data.talkMinutes) * 60 : 0
    const tick = () => {
      const s = seconds()
      elapsed.textContent = formatTime(s)
      if (allotted) {
        const left = allotted - s
        remaining.textContent = formatTime(left < 0 ? Math.floor(left) : Math.ceil(left))
        remainingBox.classList.toggle('hb-over', left < 0)
        remainingBox.classList.toggle('hb-close', left >= 0 && left < 120)
      }
    }
    function startTimer() {
      running = true
      startedAt = Date.now()
      toggle.textContent = t('pause')
      tick()
    }
    toggle.addEventListener('click', () => {
      if (running) {
        accumulated += Date.now() - startedAt
        running = false
        toggle.textContent = t('resume')
      } else startTimer()
      toggle.blur() // so that Space/Enter page the slides instead of pressing the button again
      tick()
    })
    reset.addEventListener('click', () => {
      accumulated = 0
      startedAt = Date.now()
      if (!running) toggle.textContent = t('start')
      reset.blur()
      tick()
    })
    if (!allotted) remainingBox.hidden = true
    tick()
    setInterval(tick, 250)
  }

  // ---------------------------------------------------------------------------------------------
  // Start.

  if (role === 'presenter') setupPresenter()
  else setupAudience()
  go(hashIndex() ?? 0, true)
  // Tell the other window we are here; it answers with its slide so both start in step.
  if (role === 'presenter') send('hello')
  fitAll()
})()
