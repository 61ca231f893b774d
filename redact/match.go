package redact

import (
	"bytes"
	"github.com/callscope/callscope/text"
	"github.com/tidwall/gjson"
	"net/netip"
	"slices"
	"strings"
	"unicode/utf8"
)

// Occurrences of the values the first pass replaced, in one string.

// wholeWord is the word-indexed value that a number's digits are, whole.
func (x *recurIndex) wholeWord(s string) (recurWord, bool) {
	if len(s) < 2 || !x.mayStart(s, 0) {
		return recurWord{}, false
	}
	for _, w := range x.candidates(s, 0) {
		if w.lead == "" && len(w.rest) == len(s) && w.matches(s, 0) {
			return w, true
		}
	}
	return recurWord{}, false
}

// match is one occurrence in a string.
type match struct {
	start, end int
	recurFake
}

// rewriteString returns the JSON text of tok (a string with its quotes)
// with every occurrence replaced, and whether there was one. Left as they
// are: a value of one lower-case word, as enumerations are ("unknown",
// "android"), and a member name of one word, as schema names are.
func (x *recurIndex) rewriteString(tok []byte, isKey bool, counts *[nRedact]int) (string, bool) {
	raw := tok[1 : len(tok)-1]
	s := view(raw)
	if bytes.IndexByte(raw, '\\') >= 0 {
		s = gjson.ParseBytes(tok).Str
	}
	if s == "" || schemaWord(s, isKey) {
		return "", false
	}
	if len(s) <= x.maxLen {
		if f, ok := x.whole[asciiLower(s)]; ok {
			counts[f.cat]++
			return text.QuoteJSON(f.fake), true
		}
	}
	var found []match
	// Links and text that may quote an e-mail address or a phone number
	// are read with linkScan; GUIDs alone need only be looked for.
	links := (x.hasEmail || x.hasPhone) && strings.ContainsAny(s, "@%+")
	guids := x.hasGUID && len(s) >= 36
	scan := linkScan{s: s}
	addrs := len(x.ips) > 0 || x.macs
	prev := byte(' ') // the byte before s[i]
	for i := 0; i < len(s); prev, i = s[i], i+1 {
		c := s[i]
		if c < utf8.RuneSelf && startClass[c] == 0 {
			continue // nothing starts at a space, a slash, a bracket, a quote
		}
		if links || guids && len(s)-i >= 36 && isGUID(s[i:i+36]) {
			if m, ok := x.identAt(&scan, i); ok {
				found = append(found, m)
			}
		}
		if addrs && (isHexByte(c) || c == ':') && (prev >= utf8.RuneSelf || startClass[prev]&classAddr == 0) {
			if m, ok := x.addrAt(s, i); ok {
				found = append(found, m)
			}
		}
		if c >= utf8.RuneSelf && c < 0xc0 {
			continue // inside a rune
		}
		word := c < utf8.RuneSelf && startClass[c]&classWord != 0 || c >= 0xc0 && wordRuneAt(s, i)
		if word && (prev < utf8.RuneSelf && startClass[prev]&classWord == 0 || prev >= utf8.RuneSelf && !wordBefore(s, i)) && x.mayStart(s, i) {
			for _, w := range x.candidates(s, i) {
				if w.matches(s, i) {
					found = append(found, match{i - len(w.lead), i + len(w.rest), w.recurFake})
					break // the longest first
				}
			}
		}
	}
	if len(found) == 0 {
		return "", false
	}
	// Left to right, the longest at each start, none overlapping.
	slices.SortStableFunc(found, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	var b strings.Builder
	last := 0
	for _, m := range found {
		if m.start < last {
			continue
		}
		b.WriteString(s[last:m.start])
		b.WriteString(m.fake)
		counts[m.cat]++
		last = m.end
	}
	b.WriteString(s[last:])
	return text.QuoteJSON(b.String()), true
}

// startClass says what may start at an ASCII byte: a word (letters,
// digits, '_'), and what an address may continue (those and '.', ':').
// Bytes of class 0 start nothing but what links quote ('+', '%').
var startClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			t[c] = classWord | classAddr
		case c == '.':
			t[c] = classAddr
		case c == ':':
			t[c] = classAddr | classStart
		case c == '+', c == '%':
			t[c] = classStart
		}
	}
	return t
}()

const (
	classWord  = 1 << iota // starts and continues a word
	classAddr              // continues an address (so one cannot start after it)
	classStart             // starts an address or what a link quotes
)

// identAt is the known identifier that starts at s[i], as a link may
// quote it, with the pseudonym encoded as the original was.
func (x *recurIndex) identAt(scan *linkScan, i int) (match, bool) {
	tok, enc, n := scan.at(i)
	if n == 0 {
		return match{}, false
	}
	var f recurFake
	found := false
	for !found && tok != "" {
		if key, ok := identKey(tok); ok {
			f, found = x.ident[key]
		}
		if found || !strings.HasSuffix(tok, ".") {
			break
		}
		tok, n = tok[:len(tok)-1], n-1 // an address at the end of a sentence
	}
	if !found || strings.ContainsAny(f.fake, `"\`) {
		return match{}, false
	}
	switch enc {
	case '@':
		f.fake = strings.Replace(f.fake, "@", "%40", 1)
	case '+':
		f.fake = "%2B" + strings.TrimPrefix(f.fake, "+")
	}
	return match{i, i + n, f}, true
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'
}

// addrAt is the known IP or MAC address that starts at s[i].
func (x *recurIndex) addrAt(s string, i int) (match, bool) {
	// One pass over the run of address bytes: where the IP-shaped part
	// ends (hex digits, '.', ':') and where the MAC-shaped one does ('-' too).
	ipEnd, macEnd, marks := -1, i, 0
	for macEnd < len(s) {
		c := s[macEnd]
		if c == '-' {
			if ipEnd < 0 {
				ipEnd = macEnd
			}
		} else if c == '.' || c == ':' {
			marks++
		} else if !isHexByte(c) {
			break
		}
		macEnd++
	}
	if ipEnd < 0 {
		ipEnd = macEnd
	}
	if len(x.ips) > 0 && marks >= 2 && ipEnd-i >= 3 {
		run := s[i:ipEnd]
		// As written, less a trailing '.' or ':' (the end of a sentence),
		// less a port after an IPv4 address.
		cands := [3]string{run, strings.TrimRight(run, ".:")}
		if c := strings.LastIndexByte(run, ':'); c > 0 && strings.Count(run, ".") == 3 && strings.Count(run, ":") == 1 {
			cands[2] = run[:c]
		}
		for _, c := range cands {
			if c == "" || !plausibleIP(c) {
				continue
			}
			a, err := netip.ParseAddr(c)
			if err != nil {
				continue
			}
			end := i + len(c)
			if end < len(s) && wordRuneAt(s, end) {
				continue
			}
			fake, ok := x.ips[canonAddr(a)]
			if !ok {
				break
			}
			if a.Is4In6() {
				fake = netip.AddrFrom16(fake.As16())
			}
			return match{i, end, recurFake{fake.String(), rcIPs}}, true
		}
	}
	if x.macs && macEnd-i >= 12 && macEnd-i <= 24 { // 6 to 8 bytes, with their separators
		run := strings.TrimRight(s[i:macEnd], ".:-")
		if end := i + len(run); end == len(s) || !wordRuneAt(s, end) {
			if key, ok := macHex(run); ok {
				if _, known := x.p.macs[key]; known {
					return match{i, i + len(run), recurFake{x.p.mac(run), rcMACs}}, true
				}
			}
		}
	}
	return match{}, false
}

// plausibleIP spares ParseAddr the runs that cannot be an address (times,
// dates, words): an IPv4 address has three dots, an IPv6 one two colons.
func plausibleIP(s string) bool {
	dots, colons := strings.Count(s, "."), strings.Count(s, ":")
	return (dots == 3 && colons == 0) || (colons >= 2 && (dots == 0 || dots == 3))
}

// quadBits is the size of the filter of four-byte prefixes: 2^18 bits,
// 32 KB, mostly empty for the few thousand values of a big meeting.
const quadBits = 18

func quadHash(s string) uint32 {
	v := uint32(lowerByte(s[0])) | uint32(lowerByte(s[1]))<<8 | uint32(lowerByte(s[2]))<<16 | uint32(lowerByte(s[3]))<<24
	return v * 0x9e3779b1 >> (32 - quadBits)
}

// mayStart: some word key may begin at s[i]: a filter in front of the
// look-ups, which most places of most strings fail.
func (x *recurIndex) mayStart(s string, i int) bool {
	if i+4 <= len(s) {
		if h := quadHash(s[i:]); x.quads[h/64]&(1<<(h%64)) != 0 {
			return true
		}
	}
	if !x.tiny || i+1 >= len(s) {
		return false
	}
	pair := uint16(lowerByte(s[i]))<<8 | uint16(lowerByte(s[i+1]))
	return x.pairs[pair/64]&(1<<(pair%64)) != 0
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// candidates are the word-indexed values whose key s[i:] begins with,
// longest first within each key length.
func (x *recurIndex) candidates(s string, i int) []recurWord {
	var buf [wordKey]byte
	n := min(len(s)-i, wordKey)
	for j := range n {
		buf[j] = lowerByte(s[i+j])
	}
	var out []recurWord
	if n == wordKey {
		out = x.words[string(buf[:n])]
	}
	for l := n; l >= 1; l-- {
		if l < wordKey && x.short&(1<<l) != 0 {
			if more := x.words[string(buf[:l])]; len(more) > 0 {
				if out == nil {
					out = more
				} else {
					out = append(slices.Clip(out), more...)
				}
			}
		}
	}
	return out
}

// matches says whether w stands in s with its first word at i, and ends at
// a word boundary.
func (w *recurWord) matches(s string, i int) bool {
	start, end := i-len(w.lead), i+len(w.rest)
	if start < 0 || end > len(s) {
		return false
	}
	if !strings.EqualFold(s[start:i], w.lead) || !strings.EqualFold(s[i:end], w.rest) {
		return false
	}
	if end < len(s) && wordRuneAt(s, end) {
		r, _ := utf8.DecodeLastRuneInString(w.rest)
		return !wordRune(r)
	}
	return true
}
