package redact

import (
	"bytes"
	"net/netip"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/text"
	"github.com/tidwall/gjson"
	"unsafe"
)

// ---------------------------------------------------------------------------------------
// The second pass: a value the first pass found personal, in a field it
// knows, is replaced wherever else it stands in the file: under unknown
// members, x- fields, PowerShell's AdditionalProperties, member names,
// inside links, user agents and free text. Every string and number of the
// file is looked at, but for the first pass's own replacements, and for
// what is schema: "@odata.type" values, values of one lower-case word (as
// enumerations are: "unknown", "android") and member names of one word.
//
// What is looked for, and how:
//   - identifiers of a known shape (GUIDs, e-mail addresses, E.164 numbers,
//     also as digits alone) wherever they stand, also percent-encoded as
//     links quote them ("%40", "%2B"), without regard to case; an address
//     followed by more of a domain, a number by more digits, is another;
//   - IP addresses in any spelling (compressed, IPv4-mapped, with a port, a
//     zone or a prefix length after them), and MAC addresses with any
//     separators, where they do not continue a longer run;
//   - every other value of several words (names, device and machine names,
//     feedback text, DNS suffixes, join URLs, host names in address fields,
//     ids of no known shape) at word boundaries, without regard to case; a
//     guest's name also without " (Guest)".
//
// Not looked for: values of one word ("Android", "Default", "Alice"), which
// are common words more than anyone's data and would rewrite user agents and
// enumerations; ids of digits alone shorter than 7, which are also counts
// and stream ids; values shorter than 3 bytes are replaced only where they
// are a whole string. Each occurrence becomes its value's pseudonym; the rest
// of the string is kept.

// recurFake is what an occurrence becomes.
type recurFake struct {
	fake string
	cat  rcat
}

// recurWord is a value looked for at word boundaries. lead is what comes
// before its first word ("+" of a phone number, "(" of a text), rest the
// value from its first word on.
type recurWord struct {
	lead, rest string // lower-cased
	recurFake
}

// minDigits: an id of digits alone is looked for only from this length on
// (a phone number written without "+"); shorter ones are also counts.
const minDigits = 7

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// wordKey is the length of the look-up key: a value's first bytes from its
// first word on, lower-cased.
const wordKey = 8

type recurIndex struct {
	p     *pseudonyms
	ident map[string]recurFake // GUIDs and e-mail addresses lower-cased, phone numbers as "+digits"
	whole map[string]recurFake // short values, replaced only as a whole string, lower-cased
	words map[string][]recurWord
	seen  map[string]bool             // lead and rest of every word-indexed value
	short uint8                       // bit L: some key is L bytes long (L < wordKey)
	quads *[1 << quadBits / 64]uint64 // a hash of the first four bytes of every key of four or more
	pairs *[1 << 16 / 64]uint64       // the first two bytes of every shorter key
	tiny  bool                        // some key is shorter than four bytes

	hasGUID, hasEmail, hasPhone bool                      // the kinds of identifiers in ident
	ips                         map[netip.Addr]netip.Addr // canonical address → its pseudonym
	macs                        bool                      // some MAC address was replaced
	maxLen                      int                       // the longest value matched whole
}

// recurrences builds the index of what the first pass replaced and finds
// every other occurrence in src. items must be the first pass's, with their
// replacements; they are sorted by start. It returns the strings and numbers
// to rewrite, in source order, and counts each occurrence.
func (p *pseudonyms) recurrences(src []byte, items []redactItem, counts *[nRedact]int) []redactItem {
	byStart := func(a, b redactItem) int { return a.start - b.start }
	if !slices.IsSortedFunc(items, byStart) {
		slices.SortFunc(items, byStart)
	}
	x := p.recurIndex(items)
	if x == nil {
		return nil
	}
	// Chunks of the file for the cores, cut where a value of the first pass
	// starts: a place known to be outside every string.
	workers := min(runtime.GOMAXPROCS(0), len(src)/(1<<20)+1)
	cuts := []int{0}
	for w := 1; w < workers; w++ {
		target := w * len(src) / workers
		k, _ := slices.BinarySearchFunc(items, target, func(it redactItem, t int) int { return it.start - t })
		if k < len(items) && items[k].start > cuts[len(cuts)-1] {
			cuts = append(cuts, items[k].start)
		}
	}
	cuts = append(cuts, len(src))
	parts := make([][]redactItem, len(cuts)-1)
	partCounts := make([][nRedact]int, len(cuts)-1)
	parallel.Run(len(parts), func(w int) {
		parts[w] = x.scan(src, cuts[w], cuts[w+1], items, &partCounts[w])
	})
	var out []redactItem
	for w := range parts {
		out = append(out, parts[w]...)
		for c := range counts {
			counts[c] += partCounts[w][c]
		}
	}
	return out
}

// recurIndex indexes every value the first pass replaced; nil when none was.
func (p *pseudonyms) recurIndex(items []redactItem) *recurIndex {
	x := &recurIndex{p: p, ident: map[string]recurFake{}, whole: map[string]recurFake{},
		words: map[string][]recurWord{}, seen: map[string]bool{}, quads: new([1 << quadBits / 64]uint64), pairs: new([1 << 16 / 64]uint64), ips: map[netip.Addr]netip.Addr{}}
	n := 0
	for i := range items {
		it := &items[i]
		if it.repl == "" || it.cat == rcDead || !it.fresh {
			continue
		}
		n++
		fake := gjson.Parse(it.repl).Str
		x.add(it.orig, recurFake{fake, it.cat})
		if it.cat == rcNames && strings.HasSuffix(it.orig, guestSuffix) && strings.HasSuffix(fake, guestSuffix) {
			// The person's name without Teams' marker is theirs too.
			x.add(strings.TrimSuffix(it.orig, guestSuffix), recurFake{strings.TrimSuffix(fake, guestSuffix), it.cat})
		}
	}
	if n == 0 {
		return nil
	}
	for k := range x.words {
		list := x.words[k]
		slices.SortStableFunc(list, func(a, b recurWord) int { return len(b.lead) + len(b.rest) - len(a.lead) - len(a.rest) })
	}
	return x
}

func (x *recurIndex) add(orig string, f recurFake) {
	s := strings.TrimSpace(orig)
	if s == "" {
		return
	}
	switch f.cat {
	case rcIPs:
		if a, ok := parseIPValue(s); ok {
			if fa, ok := parseIPValue(f.fake); ok {
				x.ips[a] = fa
			}
			return
		}
		if oneWord(s) {
			return // "unknown", "localhost": nothing of anyone's
		}
	case rcMACs:
		if _, ok := macHex(s); ok {
			x.macs = true
		}
		return // what is no address in a MAC field is nothing of anyone's
	case rcIDs, rcEmails, rcPhones:
		if k, ok := identKey(s); ok {
			if _, dup := x.ident[k]; !dup {
				x.ident[k] = f
			}
			switch {
			case k[0] == '+':
				x.hasPhone = true
			case strings.IndexByte(k, '@') >= 0:
				x.hasEmail = true
			default:
				x.hasGUID = true
			}
			if k[0] == '+' && len(k) > minDigits {
				x.add(k[1:], f) // the number without "+", as a JSON number or a dialled string writes it
			}
		}
	}
	ident := f.cat == rcIDs || f.cat == rcEmails || f.cat == rcPhones
	if !ident && oneWord(s) {
		return // "Android", "Default", "Alice": common words more than anyone's data
	}
	lead := 0
	for lead < len(s) && !wordRuneAt(s, lead) {
		lead++
	}
	if lead == len(s) || (ident && strings.Trim(s, "+0123456789 ()-.") == "" && countDigits(s) < minDigits) {
		return // "1", "100": ids of a hand-made file, also counts and stream ids
	}
	if len(s) < 3 {
		x.maxLen = max(x.maxLen, len(s))
		x.whole[asciiLower(s)] = f
		return
	}
	w := recurWord{lead: asciiLower(s[:lead]), rest: asciiLower(s[lead:]), recurFake: f}
	key := w.rest[:min(len(w.rest), wordKey)]
	if len(key) < wordKey {
		x.short |= 1 << len(key)
	}
	switch {
	case len(key) >= 4:
		h := quadHash(key)
		x.quads[h/64] |= 1 << (h % 64)
	case len(key) >= 2:
		x.tiny = true
		pair := uint16(key[0])<<8 | uint16(key[1])
		x.pairs[pair/64] |= 1 << (pair % 64)
	default:
		x.tiny = true
		for c := range 256 { // a key of one byte: any second byte
			pair := uint16(key[0])<<8 | uint16(c)
			x.pairs[pair/64] |= 1 << (pair % 64)
		}
	}
	if x.seen[w.lead+"\x00"+w.rest] {
		return // the first value keeps its pseudonym, as the first pass does
	}
	x.seen[w.lead+"\x00"+w.rest] = true
	x.words[key] = append(x.words[key], w)
}

// identKey is the key of an identifier of a known shape: a GUID or an
// e-mail address lower-cased, a phone number as "+digits".
func identKey(s string) (string, bool) {
	t := strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	switch {
	case len(t) == 36 && isGUID(t):
		return asciiLower(t), true
	case looksEmail(s):
		return asciiLower(s), true
	case looksPhone(s):
		d := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
		return "+" + d, true
	}
	return "", false
}

// parseIPValue reads an address as the first pass does (a prefix's address,
// brackets, a zone), in the form addresses are compared in.
func parseIPValue(s string) (netip.Addr, bool) {
	t := strings.TrimSpace(s)
	if pfx, err := netip.ParsePrefix(t); err == nil {
		return canonAddr(pfx.Addr()), true
	}
	t = strings.TrimSuffix(strings.TrimPrefix(t, "["), "]")
	a, err := netip.ParseAddr(t)
	if err != nil || a.IsUnspecified() {
		return netip.Addr{}, false
	}
	return canonAddr(a), true
}

func canonAddr(a netip.Addr) netip.Addr { return a.WithZone("").Unmap() }

// macHex is a MAC address's hex digits, lower-cased, when s is one as the
// first pass reads them: 6 to 8 bytes, one kind of separator (or none).
func macHex(s string) (string, bool) {
	if len(s) < 12 || len(s) > 23 {
		return "", false
	}
	hex := make([]byte, 0, 16)
	var sep byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
			hex = append(hex, c)
		case c >= 'A' && c <= 'F':
			hex = append(hex, c+'a'-'A')
		case c == ':' || c == '-' || c == '.' || c == ' ':
			if sep == 0 {
				sep = c
			} else if c != sep {
				return "", false
			}
		default:
			return "", false
		}
	}
	if n := len(hex) / 2; len(hex)%2 != 0 || n < 6 || n > 8 || strings.Trim(string(hex), "0") == "" {
		return "", false
	}
	return string(hex), true
}

// wordRune: letters, digits and '_' make words; a value's first and last
// words must stand alone.
func wordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func wordRuneAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return wordRune(r)
}

// wordBefore says whether the rune that ends before i is a word rune.
func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return wordRune(r)
}

func oneWord(s string) bool {
	for _, r := range s {
		if !wordRune(r) {
			return false
		}
	}
	return true
}

// scan finds the occurrences in the strings and numbers of src[from:to],
// which starts outside any string, skipping the values items replaced.
func (x *recurIndex) scan(src []byte, from, to int, items []redactItem, counts *[nRedact]int) []redactItem {
	var out []redactItem
	k, _ := slices.BinarySearchFunc(items, from, func(it redactItem, t int) int { return it.start - t })
	typeValue := false // the value after an "@odata.type" key is a schema type
	for i := from; i < to; {
		for k < len(items) && items[k].start < i {
			k++
		}
		if k < len(items) && items[k].start == i && items[k].repl != "" {
			i = items[k].end
			typeValue = false
			continue
		}
		switch c := src[i]; {
		case c == '"':
			end := stringEnd(src, i)
			j := end
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
				j++
			}
			isKey := j < len(src) && src[j] == ':'
			if !typeValue {
				if repl, ok := x.rewriteString(src[i:end], isKey, counts); ok {
					out = append(out, redactItem{start: i, end: end, repl: repl})
				}
			}
			typeValue = isKey && hasSuffixFold(view(src[i+1:end-1]), "@odata.type")
			i = end
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == 'e' || src[j] == 'E' || src[j] == '+' || src[j] == '-') {
				j++
			}
			if num := view(src[i:j]); countDigits(num) >= minDigits {
				if w, ok := x.wholeWord(num); ok {
					out = append(out, redactItem{start: i, end: j, repl: text.QuoteJSON(w.fake)})
					counts[w.cat]++
				}
			}
			typeValue = false
			i = j
		default:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ':' {
				typeValue = false
			}
			i++
		}
	}
	return out
}

// schemaWord: s is one ASCII word of letters and digits that starts with a
// letter, lower-case for a value.
func schemaWord(s string, isKey bool) bool {
	if c := s[0]; !(c >= 'a' && c <= 'z' || isKey && c >= 'A' && c <= 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// stringEnd is the index after the closing quote of the string at src[i].
func stringEnd(src []byte, i int) int {
	j := i + 1
	for {
		q := bytes.IndexByte(src[j:], '"')
		if q < 0 {
			return len(src)
		}
		j += q
		n := 0
		for b := j - 1; b > i && src[b] == '\\'; b-- {
			n++
		}
		j++
		if n%2 == 0 {
			return j
		}
	}
}

// view is b as a string without a copy: b is the decoded source, which
// nothing changes while the redaction reads it.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
