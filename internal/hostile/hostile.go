// Package hostile makes call records that attack whoever shows them, and
// checks what callscope made of them. It is for tests only: each class of
// payload goes into each string of a real record in turn, found by walking
// the record's JSON, so a field added to the record is attacked without
// anyone listing it.
package hostile

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Class is one kind of attack.
type Class struct {
	Name string
	// Payload is the text as the record holds it once the JSON is read.
	Payload string
}

// Classes are the attacks: terminal control (escape sequences, C0 and C1
// controls, invisible and reordering characters), markdown and HTML that
// would become markup in a ticket, and wide text that tests alignment.
var Classes = []Class{
	{"ESC", "\x1b7\x1bc\x1b8"},
	{"CSI", "\x1b[2J\x1b[1;1H\x1b[38;5;196m\x1b[6n"},
	{"OSC 52", "\x1b]52;c;cHduZWQ=\x07"},
	{"OSC 0", "\x1b]0;TITLEPWN\x1b\\"},
	{"OSC 8", "\x1b]8;;https://osc8.invalid/\x07click\x1b]8;;\x07"},
	{"DCS", "\x1bP$qm\x1b\\\x1bP+q544e\x1b\\"},
	{"C1 in UTF-8", "\u009b2J\u009d0;C1TITLE\u009c\u0085\u0090DCSBODY\u009c"},
	{"C1 raw", "\x9b2J\x9d0;x\x9c"}, // invalid UTF-8: no UTF-8 terminal reads these as C1
	{"BEL", "\x07\x07"},
	{"CR", "\rOVER\r\n"},
	{"BS", "xx\b\b"},
	{"NUL", "\x00"},
	{"DEL", "\x7f"},
	{"bidi", "\u202eevil\u202c\u2066x\u2069\u200f\u061c"},
	{"zero-width", "a\u200bb\u2060c\ufeffd\u00ade\u200d\u200cf\U000E0041\U000E0042\u180e\u2061\ufff9g\ufffah\ufffb"},
	{"markdown", "*em* _em_ **b** `code` ~~s~~ $x$ \\ | # h"},
	{"heading", "# H "},
	{"list", "- L "},
	{"ordered list", "1. O "},
	{"quote", "> Q "},
	{"image", "![x](https://img.invalid/t.png)"},
	{"link", "[click](https://link.invalid/) <https://auto.invalid/>"},
	{"HTML", "<img src=x onerror=alert(1)><b>bold</b><!-- c -->&lt;i&gt;&#60;"},
	{"wide", "日本語👍🏽❤️👨‍👩‍👧e\u0301"},
}

// All is every class at once, in one string.
func All() string {
	var b strings.Builder
	for _, c := range Classes {
		b.WriteString(c.Payload)
	}
	return b.String()
}

// Site is a string of a JSON document: a value, or an object's key.
type Site struct {
	Path     string // jq path: .sessions[0].caller.identity.user.displayName
	Key      bool   // the key of the member at Path, not its value
	off, n   int    // the quoted string's place in the document
	Original string
}

// Sites lists every string of doc, values and keys, in document order.
func Sites(doc []byte) []Site {
	var out []Site
	var walk func(v gjson.Result, path string)
	walk = func(v gjson.Result, path string) {
		switch {
		case v.Type == gjson.String:
			out = append(out, Site{Path: path, off: v.Index, n: len(v.Raw), Original: v.Str})
		case v.IsObject():
			v.ForEach(func(k, m gjson.Result) bool {
				p := path + jqKey(k.Str)
				out = append(out, Site{Path: p, Key: true, off: k.Index, n: len(k.Raw), Original: k.Str})
				walk(m, p)
				return true
			})
		case v.IsArray():
			i := 0
			v.ForEach(func(_, m gjson.Result) bool {
				walk(m, path+"["+strconv.Itoa(i)+"]")
				i++
				return true
			})
		}
	}
	walk(gjson.ParseBytes(doc), "")
	return out
}

func jqKey(k string) string {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return "." + strconv.Quote(k)
		}
	}
	return "." + k
}

// With is doc with the string at s carrying payload at both ends: at the
// start, where markdown reads a line's block markup, and at the end.
func With(doc []byte, s Site, payload string) []byte {
	out := make([]byte, 0, len(doc)+2*len(payload)+16)
	out = append(out, doc[:s.off]...)
	out = appendString(out, payload+s.Original+payload)
	return append(out, doc[s.off+s.n:]...)
}

// Everywhere is doc with every string value (not the keys) carrying payload.
func Everywhere(doc []byte, payload string) []byte {
	var values []Site
	for _, s := range Sites(doc) {
		if !s.Key {
			values = append(values, s)
		}
	}
	return withAll(doc, values, payload)
}

// withAll is doc with each of sites, in document order, carrying payload.
func withAll(doc []byte, sites []Site, payload string) []byte {
	out := make([]byte, 0, len(doc)+len(sites)*(2*len(payload)+8))
	last := 0
	for _, s := range sites {
		out = append(out, doc[last:s.off]...)
		out = appendString(out, payload+s.Original+payload)
		last = s.off + s.n
	}
	return append(out, doc[last:]...)
}

// appendString quotes s as a JSON string. Only what JSON requires is
// escaped: DEL, C1 controls, bidi characters and invalid UTF-8 stay raw,
// as a hostile file would hold them, so the node's raw JSON carries them.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// Node is where a site lies in the record's tree: the indices of its
// session, segment, media and stream, -1 where the path has none.
func (s Site) Node() (se, sg, md, st int) {
	se, sg, md, st = -1, -1, -1, -1
	for _, part := range []struct {
		key string
		dst *int
	}{{".sessions[", &se}, {".segments[", &sg}, {".media[", &md}, {".streams[", &st}} {
		i := strings.Index(s.Path, part.key)
		if i < 0 {
			break
		}
		rest := s.Path[i+len(part.key):]
		n, err := strconv.Atoi(rest[:strings.IndexByte(rest, ']')])
		if err != nil {
			break
		}
		*part.dst = n
	}
	return
}

// Variant is a document with an attack in it.
type Variant struct {
	Name string // what was attacked, and how
	Site Site   // the string attacked; Path is "" when every string is
	Doc  []byte
}

// Variants attack doc every way at a modest cost: each class in every
// string value at once, then every class at once in each string, values
// and keys, in turn.
func Variants(doc []byte) iter.Seq[Variant] {
	return func(yield func(Variant) bool) {
		for _, c := range Classes {
			if !yield(Variant{Name: c.Name + " in every string", Doc: Everywhere(doc, c.Payload)}) {
				return
			}
		}
		all := All()
		keys := map[string][]Site{} // a key name is attacked wherever it stands
		var names []string
		for _, s := range Sites(doc) {
			if s.Key {
				if _, ok := keys[s.Original]; !ok {
					names = append(names, s.Original)
				}
				keys[s.Original] = append(keys[s.Original], s)
				continue
			}
			if !yield(Variant{Name: "every class in " + s.Path, Site: s, Doc: With(doc, s, all)}) {
				return
			}
		}
		for _, k := range names {
			if !yield(Variant{Name: "every class in the key " + strconv.Quote(k), Site: keys[k][0], Doc: withAll(doc, keys[k], all)}) {
				return
			}
		}
	}
}

// ByNode attacks doc with each class in turn in the strings of one node
// at a time: the call's own (everything outside its sessions), then each
// session's, segment's, media's and stream's own. One class cannot hide
// behind another, and the rest of the record stays sound.
func ByNode(doc []byte) iter.Seq[Variant] {
	return func(yield func(Variant) bool) {
		groups := map[[4]int][]Site{}
		var order [][4]int
		for _, s := range Sites(doc) {
			if s.Key {
				continue
			}
			var k [4]int
			k[0], k[1], k[2], k[3] = s.Node()
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], s)
		}
		for _, c := range Classes {
			for _, k := range order {
				sites := groups[k]
				if !yield(Variant{Name: fmt.Sprintf("%s in the strings of node %v", c.Name, k), Site: sites[0], Doc: withAll(doc, sites, c.Payload)}) {
					return
				}
			}
		}
	}
}
