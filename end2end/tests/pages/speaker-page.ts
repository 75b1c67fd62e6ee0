// Page object: a speaker's personal page behind the link in their mail (/s/<token>).
import { expect, type Page } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import type { Mail } from './mailbox';

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A `width`×`height` RGB PNG with a colour gradient (for the photo upload). */
export function testPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([x % 256, y % 256, 120], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The speaker-page link in a speaker's mail. */
export function speakerLink(mail: Mail): string {
  const m = mail.text.match(/https?:\/\/[^\s]+\/s\/[0-9a-f]{64}/);
  if (!m) throw new Error(`no speaker link in: ${mail.text}`);
  return m[0];
}

export class SpeakerPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
    await this.loaded();
  }

  async loaded() {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Jouw sprekerspagina');
    // The page loads no wasm (complete as HTML): with JavaScript on or off it is the same
    // page, and nothing hydrates.
    await this.page.waitForLoadState('load');
  }

  sessions() {
    return this.page.locator('ol.speaker-sessions > li');
  }

  audience() {
    return this.page.locator('section[aria-labelledby="speaker-audience"]');
  }

  practical() {
    return this.page.locator('section[aria-labelledby="speaker-practical"]');
  }

  bio() {
    return this.page.locator('#f-bio');
  }

  name() {
    return this.page.locator('#f-name');
  }

  async save() {
    await this.page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  }

  savedNotice() {
    return this.page.locator('section[aria-labelledby="speaker-profile"] p.notice.success');
  }

  photoSection() {
    return this.page.locator('section[aria-labelledby="speaker-photo"]');
  }

  /** The current photo (an <img> in the photo section). */
  photo() {
    return this.photoSection().locator('figure.speaker-photo img');
  }

  photoNotice() {
    return this.photoSection().locator('p.notice.success');
  }

  photoError() {
    return this.page.locator('#photo-error');
  }

  async uploadPhoto(file: { name: string; mimeType: string; buffer: Buffer }, button = 'Foto opladen') {
    await this.page.locator('#f-photo').setInputFiles(file);
    await this.photoSection().getByRole('button', { name: button }).click();
    await this.loaded();
  }

  async removePhoto(confirm: boolean) {
    if (confirm) {
      await this.page.locator('#f-photo-confirm').check();
    }
    await this.photoSection().getByRole('button', { name: 'Foto verwijderen' }).click();
    await this.loaded();
  }

  formError() {
    return this.page.locator('#form-error');
  }

  fieldError(name: string) {
    return this.page.locator(`#err-${name}`);
  }
}
