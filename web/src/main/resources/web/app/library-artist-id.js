// The platform's artist id, computed from a name in the page: events-schema's ArtistId.of, the one
// function every service derives artist ids with (a UUID version 5 of the normalized name). Search
// results and listening history name artists; this turns a name into the id the catalog pages use.

const NAMESPACE = '8058cabc-abb4-4d71-92a6-59e887f2569b';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Invisible format and control characters (a byte-order mark, a zero-width space, a NUL), but not the
// zero-width joiner some scripts need, nor the whitespace that the next step collapses.
const INVISIBLE = /(?![\u200D \t\n\u000B\f\r])[\p{Cc}\p{Cf}]/gu;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060]/gu;
const WHITESPACE = /\p{White_Space}+/gu;
const MARK = /\p{M}/u;
const LATIN_LETTER = /(?=\p{L})\p{Script=Latin}/u;

export function isUuid(text) {
  return UUID_PATTERN.test(text);
}

/** Accents go from Latin letters only: é becomes e, while marks on other scripts (ガ) stay. */
function withoutLatinAccents(text) {
  let kept = '';
  let onLatinLetter = false;
  for (const character of text.normalize('NFD')) {
    if (MARK.test(character)) {
      if (onLatinLetter) {
        continue;
      }
    } else {
      onLatinLetter = LATIN_LETTER.test(character);
    }
    kept += character;
  }
  return kept.normalize('NFC');
}

/** The normalized name the id is computed from (see ArtistId.normalize): "BEYONCÉ " is "beyonce". */
export function normalizeArtist(name) {
  const folded = withoutLatinAccents(name.normalize('NFKC').toLowerCase());
  return folded.replace(INVISIBLE, '').replace(APOSTROPHES, "'").replace(WHITESPACE, ' ').trim();
}

function uuidBytes(uuid) {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, index) => parseInt(hex.substring(index * 2, index * 2 + 2), 16));
}

/** The artist id of {@code name}, as the services compute it; needs the browser's SubtleCrypto (HTTPS or localhost). */
export async function artistIdOf(name) {
  const normalized = normalizeArtist(name);
  if (!normalized) {
    throw new Error('An artist name must not be blank');
  }
  const text = new TextEncoder().encode(normalized);
  const input = new Uint8Array(16 + text.length);
  input.set(uuidBytes(NAMESPACE));
  input.set(text, 16);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // the RFC variant
  const hex = [...hash].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.substring(0, 8)}-${hex.substring(8, 12)}-${hex.substring(12, 16)}-${hex.substring(16, 20)}-${hex.substring(20)}`;
}
