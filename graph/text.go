package graph

import (
	"encoding/base64"
	"github.com/callscope/callscope/text"
	"net/url"
	"strings"
)

// clean makes text from a server or a user safe for one line of a
// terminal (text.OneLine: no control characters or escape sequences, white
// space runs made one space), cut to max runes and an ellipsis.
func clean(s string, max int) string { return text.Truncate(text.OneLine(s), max+1) }

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
