package graph

import (
	"encoding/base64"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes text from a server or a user safe for one line of a terminal:
// control characters (C0, C1, DEL), bidirectional overrides and invalid
// UTF-8 go, runs of white space become one space, and more than max runes
// are cut with an ellipsis.
func clean(s string, max int) string {
	var b strings.Builder
	space := false
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == utf8.RuneError && size <= 1:
			r = utf8.RuneError
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Bidi_Control, r) || r == '\u200b' || r == '\ufeff':
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		if n >= max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// minPiece is the shortest run of a secret's characters that scrub takes
// for an echo of part of it: a truncated token, one part of a JWT. Shorter
// runs say too little to matter, and would hit words by chance.
const minPiece = 16

// scrub replaces every echo of a secret in s with "[token]": the secret
// itself (so "Bearer <secret>" too), percent-encoded, in base64, and any run
// of a token's characters that holds 16 or more bytes of one of those (a
// truncated echo, one part of a JWT, the base64 of a header that carried
// it). Secrets shorter than 4 bytes are not looked for.
func scrub(s string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) < 4 {
			continue
		}
		forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret)}
		// base64 of the secret after a prefix: each of the three alignments.
		for k := range 3 {
			for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
				if k < len(secret) {
					forms = append(forms, enc.EncodeToString([]byte(secret[k:])))
				}
			}
		}
		for _, f := range forms[:3] {
			s = strings.ReplaceAll(s, f, "[token]")
		}
		if len(secret) >= minPiece && len(s) >= minPiece {
			s = scrubPieces(s, forms)
		}
	}
	return s
}

// scrubPieces replaces each run of token characters that holds minPiece
// bytes of one of forms.
func scrubPieces(s string, forms []string) string {
	pieces := map[string]bool{}
	for _, f := range forms {
		for i := 0; i+minPiece <= len(f); i++ {
			pieces[f[i:i+minPiece]] = true
		}
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isTokenByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isTokenByte(s[j]) {
			j++
		}
		for k := i; k+minPiece <= j; k++ {
			if pieces[s[k:k+minPiece]] {
				b.WriteString(s[last:i])
				b.WriteString("[token]")
				last = j
				break
			}
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isTokenByte: the characters of a JWT part, base64 and base64url; '.' and
// '=' end a run, so that each part of a JWT and a padded base64 are taken
// alone.
func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '+' || c == '/'
}

// escapeLen is the length of the rest of a terminal escape sequence whose
// ESC came just before s: a CSI (ESC [ ... final byte), an OSC, DCS, PM or
// APC (ESC ] ... BEL or ESC \), or one more character.
func escapeLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		for i := 1; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '^', '_':
		for i := 1; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 1
}
