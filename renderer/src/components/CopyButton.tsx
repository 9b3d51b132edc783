import { useState } from 'react';

/**
 * Puts text on the clipboard: the asynchronous Clipboard API where the page may use it, else a hidden
 * text area and `execCommand('copy')` (older engines, or a denied permission). True when it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the text-area way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** A "Copy" button for one text; `onCopied` receives what to announce ("Copied …" or why not). */
export function CopyButton({ text, label, what, onCopied }: { readonly text: string; readonly label: string; readonly what: string; readonly onCopied: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={label}
      disabled={busy || text === ''}
      onClick={() => {
        setBusy(true);
        void copyText(text).then((ok) => {
          setBusy(false);
          onCopied(ok ? `Copied ${what} to the clipboard.` : `Could not copy ${what}: select the text and copy it with the keyboard instead.`);
        });
      }}
    >
      Copy
    </button>
  );
}
