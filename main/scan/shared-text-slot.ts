/** Bytes a slot holds; longer text is cut (at a character boundary) — paths beyond this are rare. */
export const SLOT_TEXT_BYTES = 8192;
/** Header: [sequence, byte length] as Int32, before the text. */
const HEADER_INT32S = 2;

/**
 * One piece of text in shared memory, written by one thread and read by another without messages — so the
 * reader sees it even while the writer is blocked in a system call. A sequence counter (odd while writing)
 * lets the reader detect and skip a torn read.
 */
export class SharedTextSlot {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;

  /** Wraps a buffer made by `SharedTextSlot.allocate()` (possibly in another thread). */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_INT32S);
    this.bytes = new Uint8Array(buffer, HEADER_INT32S * 4);
  }

  /** A fresh, empty slot's buffer. */
  static allocate(): SharedArrayBuffer {
    return new SharedArrayBuffer(HEADER_INT32S * 4 + SLOT_TEXT_BYTES);
  }

  /** Replaces the text (one writer only). */
  write(text: string): void {
    Atomics.add(this.header, 0, 1); // odd: writing
    const { written } = new TextEncoder().encodeInto(text, this.bytes);
    Atomics.store(this.header, 1, written);
    Atomics.add(this.header, 0, 1); // even: stable
  }

  /** The text, or `null` when empty or caught mid-write. */
  read(): string | null {
    const before = Atomics.load(this.header, 0);
    if (before % 2 === 1) return null;
    const length = Atomics.load(this.header, 1);
    if (length === 0) return null;
    const copy = this.bytes.slice(0, length);
    if (Atomics.load(this.header, 0) !== before) return null;
    return new TextDecoder().decode(copy);
  }
}
