/**
 * The terminal is usable as the page paints: the server renders the prompt in the terminal's
 * place, and a few lines of inline script take keystrokes (echoing them) until xterm and the
 * shell have loaded, which then take over the screen and replay what was typed. A returning
 * student sees the prompt their saved session ended with (remembered in localStorage).
 */

const TYPEAHEAD = '__dockyardTypeahead';
const PROMPT_KEY = 'dockyard:prompt:';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The painted prompt, coloured as the terminal colours it (user@host green, path blue). */
function promptHtml(prompt: string): string {
  const match = /^([^@\s]+@[^:\s]+):(.*)([#$] )$/.exec(prompt);
  if (!match) return escapeHtml(prompt);
  return `<b style="color:#5fcf80">${escapeHtml(match[1])}</b>:<b style="color:#6aa6f8">${escapeHtml(match[2])}</b>${escapeHtml(match[3])}`;
}

/** HTML for the terminal's host element before xterm arrives. */
export function earlyTerminalHtml(prompt: string, lesson: string, fontFamily: string, fontSize: number, label: string): string {
  const style = `margin:0;white-space:pre-wrap;word-break:break-all;font-family:${fontFamily.replace(/"/g, "'")};font-size:${fontSize}px;line-height:1.2;color:#d8dbe2;outline:none;height:100%`;
  const pre = `<pre data-early-terminal tabindex="0" role="textbox" aria-label="${escapeHtml(label)}" style="${style}"><span data-early-prompt>${promptHtml(prompt)}</span><span data-early-typed></span><span style="background:#d8dbe2;color:#16181d"> </span></pre>`;
  // Kept small and dependency-free: it runs before any of the page's JavaScript.
  const script = `(function(){var pre=document.currentScript.previousElementSibling;var key=${JSON.stringify(PROMPT_KEY + lesson)};try{var saved=localStorage.getItem(key);if(saved){var m=/^([^@\\s]+@[^:\\s]+):(.*)([#$] )$/.exec(saved);var p=pre.querySelector('[data-early-prompt]');p.textContent='';if(m){var a=document.createElement('b');a.style.color='#5fcf80';a.textContent=m[1];var b=document.createElement('b');b.style.color='#6aa6f8';b.textContent=m[2];p.append(a,':',b,m[3]);}else p.textContent=saved;}}catch(e){}window.${TYPEAHEAD}='';var typed=pre.querySelector('[data-early-typed]');pre.addEventListener('keydown',function(e){if(e.ctrlKey||e.metaKey||e.altKey)return;var k=e.key;if(k.length===1){window.${TYPEAHEAD}+=k;typed.textContent+=k;}else if(k==='Backspace'){window.${TYPEAHEAD}+='\\x7f';typed.textContent=typed.textContent.slice(0,-1);}else if(k==='Enter'){window.${TYPEAHEAD}+='\\r';typed.textContent+='\\n';}else return;e.preventDefault();});pre.addEventListener('paste',function(e){var t=(e.clipboardData||{}).getData?e.clipboardData.getData('text'):'';window.${TYPEAHEAD}+=t.replace(/\\n/g,'\\r');typed.textContent+=t;e.preventDefault();});})();`;
  return `${pre}<script>${script}</script>`;
}

/** What the student typed before the terminal loaded; reading it empties it. */
export function takeTypeahead(): string {
  const scope = window as unknown as Record<string, string | undefined>;
  const typed = scope[TYPEAHEAD] ?? '';
  scope[TYPEAHEAD] = '';
  return typed;
}

/** Whether the painted terminal has keyboard focus (xterm should then take it over). */
export function earlyTerminalFocused(host: HTMLElement): boolean {
  const pre = host.querySelector('[data-early-terminal]');
  return !!pre && document.activeElement === pre;
}

/** What the painted terminal shows: its prompt and the first line typed on it. */
export function earlyTerminalText(host: HTMLElement): { prompt: string; typed: string } | null {
  const pre = host.querySelector('[data-early-terminal]');
  if (!pre) return null;
  const typed = pre.querySelector('[data-early-typed]')?.textContent ?? '';
  return { prompt: pre.querySelector('[data-early-prompt]')?.textContent ?? '', typed: typed.split('\n')[0] };
}

/** Clears the painted terminal from the host, so xterm can take its place. */
export function removeEarlyTerminal(host: HTMLElement): void {
  host.querySelector('[data-early-terminal]')?.remove();
  host.querySelector('script')?.remove();
}

/** Remembers the prompt a lesson's terminal shows, for the next visit's first paint. */
export function rememberPrompt(lesson: string | undefined, prompt: string): void {
  if (!lesson) return;
  try {
    localStorage.setItem(PROMPT_KEY + lesson, prompt);
  } catch {
    // private mode or a full quota: the next visit paints the scenario's prompt instead
  }
}

export function forgetPrompt(lesson: string | undefined): void {
  if (!lesson) return;
  try {
    localStorage.removeItem(PROMPT_KEY + lesson);
  } catch {
    // nothing to forget
  }
}
