// A fake camera for Chromium: a Y4M video (one 640×480 frame, which Chromium repeats) that
// shows a PNG image, e.g. a screenshot of a QR code, centred on white. Chromium plays it as
// the camera when launched with --use-file-for-fake-video-capture.
import { type Browser } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const W = 640;
const H = 480;

/** Writes a Y4M file showing `png` and returns its path. A blank page of `browser` (no
 *  site's Content-Security-Policy in the way of a data: image) draws the image on a canvas
 *  and hands back its luma; colour is left neutral (4:2:0 at 128). */
export async function fakeCameraVideo(browser: Browser, png: Buffer): Promise<string> {
  const page = await browser.newPage();
  const luma: number[] = await page.evaluate(async ({ src, w, h }) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    const scale = Math.min((w * 0.8) / img.width, (h * 0.8) / img.height);
    const [dw, dh] = [img.width * scale, img.height * scale];
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, (w - dw) / 2, (h - dh) / 2, dw, dh);
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const out: number[] = new Array(w * h);
    for (let i = 0; i < w * h; i++) {
      out[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
    }
    return out;
  }, { src: `data:image/png;base64,${png.toString('base64')}`, w: W, h: H });
  await page.close();
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([
    Buffer.from('FRAME\n'),
    Buffer.from(luma),
    Buffer.alloc((W / 2) * (H / 2) * 2, 128),
  ]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tafelronde-camera-')), 'qr.y4m');
  writeFileSync(file, Buffer.concat([header, frame]));
  return file;
}
