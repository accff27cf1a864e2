/**
 * A signature drawn with a mouse, a finger or a pen (pointer events, so one code path for all three).
 * Strokes are kept as points in CSS pixels, so a resize redraws them sharp instead of losing them, and the
 * export crops to the ink: the contract's signature box then shows the signature, not a wide empty margin.
 * A canvas cannot be drawn on from a keyboard; the page offers a typed signature beside it.
 */
import { createSignal, onCleanup, onMount, Show } from 'solid-js';

type Point = { x: number; y: number; w: number };

export interface SignaturePadHandle {
  /** The signature as a PNG data URL (what POST …/contract/sign takes), or null while the pad is empty. */
  toPng(): string | null;
  clear(): void;
}

const INK = '#0b1f5c';
const MARGIN = 8;
/** The export's longest side: a signature this size is a few kB, well inside the API's 400,000-character bound. */
const MAX_EXPORT = 1200;

function lineWidth(e: PointerEvent): number {
  // Mice report 0.5 (buttons down) or 0; only pens and some touch screens give real pressure.
  return e.pointerType === 'pen' && e.pressure > 0 ? 1.2 + e.pressure * 3 : 2.5;
}

function drawStroke(ctx: CanvasRenderingContext2D, stroke: Point[]) {
  if (stroke.length === 1) {
    ctx.beginPath();
    ctx.arc(stroke[0].x, stroke[0].y, stroke[0].w / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  for (let i = 1; i < stroke.length; i++) {
    ctx.lineWidth = (stroke[i - 1].w + stroke[i].w) / 2;
    ctx.beginPath();
    ctx.moveTo(stroke[i - 1].x, stroke[i - 1].y);
    ctx.lineTo(stroke[i].x, stroke[i].y);
    ctx.stroke();
  }
}

function prepare(ctx: CanvasRenderingContext2D, scale: number, dx = 0, dy = 0) {
  ctx.setTransform(scale, 0, 0, scale, dx * scale, dy * scale);
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
}

export function SignaturePad(props: {
  id: string;
  label: string;
  hint: string;
  clearLabel: string;
  /** Read by screen readers after the label: whether anything has been drawn. */
  stateText: (empty: boolean) => string;
  error?: string;
  ref?: (handle: SignaturePadHandle) => void;
  onChange?: (empty: boolean) => void;
}) {
  let canvas!: HTMLCanvasElement;
  const strokes: Point[][] = [];
  let current: Point[] | null = null;
  const [empty, setEmpty] = createSignal(true);
  const labelId = () => `${props.id}-label`;
  const hintId = () => `${props.id}-hint`;
  const errorId = () => `${props.id}-error`;

  const ratio = () => Math.min(window.devicePixelRatio || 1, 2);

  function redraw() {
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    prepare(ctx, ratio());
    for (const s of strokes) drawStroke(ctx, s);
  }

  function fit() {
    const r = ratio();
    const w = Math.round(canvas.clientWidth * r);
    const h = Math.round(canvas.clientHeight * r);
    if (w === canvas.width && h === canvas.height) return;
    canvas.width = w;
    canvas.height = h;
    redraw();
  }

  function changed() {
    const isEmpty = strokes.length === 0;
    setEmpty(isEmpty);
    props.onChange?.(isEmpty);
  }

  function point(e: PointerEvent): Point {
    const box = canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top, w: lineWidth(e) };
  }

  function onDown(e: PointerEvent) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    current = [point(e)];
    strokes.push(current);
    const ctx = canvas.getContext('2d')!;
    prepare(ctx, ratio());
    drawStroke(ctx, current);
    changed();
  }

  function onMove(e: PointerEvent) {
    if (!current) return;
    e.preventDefault();
    const ctx = canvas.getContext('2d')!;
    prepare(ctx, ratio());
    // Coalesced events carry the points the browser merged between frames: smoother lines on fast strokes.
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) {
      const p = point(ev);
      drawStroke(ctx, [current[current.length - 1], p]);
      current.push(p);
    }
  }

  function onUp(e: PointerEvent) {
    if (!current) return;
    current = null;
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
  }

  function clear() {
    strokes.length = 0;
    current = null;
    redraw();
    changed();
  }

  function toPng(): string | null {
    const points = strokes.flat();
    if (points.length === 0) return null;
    const pad = MARGIN + Math.max(...points.map((p) => p.w));
    const minX = Math.min(...points.map((p) => p.x)) - pad;
    const minY = Math.min(...points.map((p) => p.y)) - pad;
    const w = Math.max(...points.map((p) => p.x)) + pad - minX;
    const h = Math.max(...points.map((p) => p.y)) + pad - minY;
    const scale = Math.min(ratio() * 2, MAX_EXPORT / Math.max(w, h));
    const out = document.createElement('canvas');
    out.width = Math.max(1, Math.round(w * scale));
    out.height = Math.max(1, Math.round(h * scale));
    const ctx = out.getContext('2d')!;
    prepare(ctx, scale, -minX, -minY);
    for (const s of strokes) drawStroke(ctx, s);
    return out.toDataURL('image/png');
  }

  onMount(() => {
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    onCleanup(() => observer.disconnect());
    props.ref?.({ toPng, clear });
  });

  return (
    <div class="field signature-pad" classList={{ invalid: !!props.error }} data-testid="signature-pad" data-empty={empty() ? 'true' : 'false'}>
      <p class="label" id={labelId()}>{props.label}</p>
      <p class="hint" id={hintId()}>{props.hint}</p>
      <canvas
        ref={canvas}
        id={props.id}
        class="signature-canvas"
        role="img"
        aria-labelledby={labelId()}
        aria-describedby={[hintId(), `${props.id}-state`, props.error ? errorId() : ''].filter(Boolean).join(' ')}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      />
      <div class="signature-tools">
        <span id={`${props.id}-state`} class="sub" aria-live="polite">{props.stateText(empty())}</span>
        <button type="button" data-testid="signature-clear" disabled={empty()} onClick={clear}>{props.clearLabel}</button>
      </div>
      <Show when={props.error}>
        <p class="field-error" id={errorId()} data-testid="error-signature">{props.error}</p>
      </Show>
    </div>
  );
}
