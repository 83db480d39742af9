// The slip as the system printer gets it (window.print → the print stylesheet), rendered to a
// PDF by Chromium and read back with pdf.js: one page, the order's lines on it, nothing cut at
// the paper's edge, and no buttons. Saved as test-results/screenshots/slip-<project>.pdf.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { SHOTS, expect, openApp, test, isWide } from './fixtures';

interface Placed {
  text: string;
  x: number;
  right: number;
}

async function readPdf(bytes: Uint8Array): Promise<{ pages: number; width: number; items: Placed[] }> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const items: Placed[] = [];
  let width = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    width = page.getViewport({ scale: 1 }).width;
    const content = await page.getTextContent();
    for (const it of content.items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      const x = it.transform[4];
      items.push({ text: it.str, x, right: x + it.width });
    }
  }
  return { pages: doc.numPages, width, items };
}

test('the system printer gets the order alone: one page, its lines, no buttons, nothing cut', async ({ page, problems }, info) => {
  void problems;
  test.skip(!isWide(info.project.name), 'one PDF is enough; the counter PC prints');
  await openApp(page);
  await page.getByTestId('order-row').filter({ hasText: 'Carlos Hernández' }).click();
  const detail = page.getByTestId('order-detail');
  await expect(detail).toContainText('Carlos Hernández');
  const number = (await detail.locator('h1 .num').innerText()).trim();
  const address = (await page.getByTestId('detail-address').innerText())
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const note = (await page.getByTestId('staff-note').first().locator('p').innerText()).trim();

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: false,
    margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' },
  });
  await mkdir(SHOTS, { recursive: true });
  await writeFile(resolve(SHOTS, `slip-${info.project.name}.pdf`), pdf);
  const { pages, width, items } = await readPdf(new Uint8Array(pdf));
  const text = items.map((i) => i.text).join(' ');

  expect(pages, `the order fits on one page: ${pages}`).toBe(1);
  for (const want of [number, 'Carlos Hernández', address[0], note]) {
    expect(text, `the printed page carries ${JSON.stringify(want)}`).toContain(want);
  }
  for (const button of ['Cancelar pedido', 'Cobrar', 'Llamar', 'WhatsApp', 'Ver en el mapa', 'Pedidos', 'Ajustes']) {
    expect(text, `no ${button} on paper: only the order`).not.toContain(button);
  }
  const cut = items.filter((i) => i.right > width + 0.5 || i.x < -0.5);
  expect(cut, `nothing runs past the paper's ${width.toFixed(0)} pt`).toEqual([]);
});
