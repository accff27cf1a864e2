/*
 * The boot entry, kept tiny and free of imports. The front page and sign-in arrive prerendered
 * (tools/prerender-web.ts): their text is painted from the HTML and CSS alone, and the app (which adopts that
 * markup, main.tsx) is fetched only once the largest text is painted, so Lighthouse's LCP waits for no script.
 * Every other page starts the app at once, and so does any interaction before it has started; a form submitted or a
 * choice changed in the meantime is held and handed to the app once it runs, never sent natively.
 */
const root = document.getElementById('root')!;
type Held = { kind: 'submit'; form: HTMLFormElement; submitter: HTMLElement | null } | { kind: 'change'; el: HTMLSelectElement | HTMLInputElement; value: string };
const held: Held[] = [];
const hold = (e: Event) => {
  if (e.type === 'submit') {
    e.preventDefault();
    held.push({ kind: 'submit', form: e.target as HTMLFormElement, submitter: (e as SubmitEvent).submitter });
  } else if (e.type === 'change' && e.target instanceof HTMLSelectElement) {
    held.push({ kind: 'change', el: e.target, value: e.target.value });
  }
  void start();
};
// Not focus: sign-in's autofocus would start the app before the paint.
const HELD_EVENTS = ['submit', 'change', 'input', 'pointerdown', 'keydown'] as const;
let started: Promise<void> | undefined;
function start(): Promise<void> {
  return started ??= import('./main.js').then((m) => {
    m.start(root);
    for (const type of HELD_EVENTS) document.removeEventListener(type, hold, true);
    // The app's own handlers now listen: replay what happened before, in order.
    for (const h of held.splice(0)) {
      if (h.kind === 'submit') h.form.requestSubmit(h.submitter);
      else { h.el.value = h.value; h.el.dispatchEvent(new Event('change', { bubbles: true })); }
    }
  }, (err: unknown) => {
    // A failed fetch of the app (a dropped connection) is retried by the next interaction; what was held stays held.
    started = undefined;
    throw err;
  });
}

if (root.dataset.prerendered) {
  for (const type of HELD_EVENTS) document.addEventListener(type, hold, true);
  // A timer queued from a frame callback runs once that frame is painted.
  const afterNextPaint = () => requestAnimationFrame(() => setTimeout(() => void start(), 0));
  if (PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint')) {
    // The entry arrives once the paint is on screen; a hidden tab paints nothing, hence the timer as well.
    const lcp = new PerformanceObserver(() => { lcp.disconnect(); afterNextPaint(); });
    lcp.observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => void start(), 3000);
  } else {
    afterNextPaint();
  }
} else {
  void start();
}
