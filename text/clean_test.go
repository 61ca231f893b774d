package text

import "testing"

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Alice Okafor", "Alice Okafor"},
		{"Chiara Rossi 日本", "Chiara Rossi 日本"},
		{"x\x1b]52;c;ZWNobyBwd25lZA==\x07y", "xy"},     // OSC 52 clipboard write, BEL-terminated
		{"x\x1b]52;c;ZWNobw==\x1b\\y", "xy"},           // ST-terminated
		{"a\x1b[2Jb\x1b[31mc", "abc"},                  // CSI clear screen, colour
		{"a\x1b[?1049h", "a"},                          // private mode
		{"a\x1bcb", "ab"},                              // reset
		{"a\u009b31mb", "ab"},                          // C1 CSI
		{"a\u009d0;title\u009cb", "ab"},                // C1 OSC with C1 ST
		{"a\u0085b", "ab"},                             // other C1
		{"line1\r\nline2\tend", "line1  line2 end"},    // one value, one line
		{"a\x00b\x7fc\x08d", "abcd"},                   // NUL, DEL, backspace
		{"evil\u202egnp.exe", "evilgnp.exe"},           // bidi override
		{"a\u2066b\u2069c\u200fd", "abcd"},             // isolates, RLM
		{"bad\xffutf8", "bad\ufffdutf8"},               // invalid UTF-8
		{"unterminated\x1b]52;c;AAAA", "unterminated"}, // swallowed to the end
		{"trailing\x1b", "trailing"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanDoesNotAllocateForCleanText(t *testing.T) {
	s := "Alice Okafor → Conference server, 日本"
	if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
		t.Errorf("Clean allocated %v times on clean text", n)
	}
}

// Invisible characters hide text from the reader: a zero-width space in a
// name, an ASCII message in tag characters, a soft hyphen that terminals
// draw zero or one cell wide. Joiners and variation selectors stay where a
// script or an emoji needs them.
func TestCleanDropsInvisibleCharacters(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Ad\u200bmin", "Admin"},                       // zero-width space
		{"a\u2060b\ufeffc\u180ed", "abcd"},             // word joiner, BOM, Mongolian vowel separator
		{"soft\u00adhyphen", "softhyphen"},             // soft hyphen: drawn 0 or 1 cells wide
		{"ok\U000E0068\U000E0069", "ok"},               // tag characters: "hi", invisible
		{"a\u2061\u2064b", "ab"},                       // invisible maths operators
		{"base\ufff9x\ufffay\ufffb", "basexy"},         // interlinear annotation
		{"line\u2028sep\u2029par", "line sep par"},     // line and paragraph separators break lines
		{"a\u200db\u200cc", "abc"},                     // joiners after ASCII join nothing
		{"x\ufe0f", "x"},                               // a selector after ASCII selects nothing
		{"👍\ufe0f\ufe0f\ufe0f\ufe0f", "👍\ufe0f\ufe0f"}, // a run of selectors carries data
		{"😀\U000E0100\U000E0101\U000E0102", "😀\U000E0100\U000E0101"},
		// Kept: scripts and emoji that need them.
		{"می\u200cخواهم", "می\u200cخواهم"},     // Persian ZWNJ
		{"क्\u200dष", "क्\u200dष"},             // Devanagari ZWJ after a virama
		{"👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"}, // family
		{"🏳\ufe0f\u200d🌈", "🏳\ufe0f\u200d🌈"},   // rainbow flag: selector, then joiner
		{"❤\ufe0f", "❤\ufe0f"},                 // red heart
		{"e\u0301 日本 👍🏽", "e\u0301 日本 👍🏽"},     // combining mark, CJK, skin tone
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanLinesKeepsLineBreaks(t *testing.T) {
	cases := []struct{ in, want string }{
		{"{\n  \"a\": 1\n}", "{\n  \"a\": 1\n}"},
		{"{\r\n\t\"a\": 1\r\n}", "{\n\t\"a\": 1\n}"}, // Windows line ends; tabs stay
		{"old\rmac", "old\nmac"},                     // a lone CR would draw over the line
		{"a\x1b]52;c;cHduZWQ=\x07b\nc\x1b[2Jd", "ab\ncd"},
		{"name \u202eevil\u202c\n| **x** |", "name evil\n| **x** |"},
		{"unterminated \x1b]0;title\nnext line", "unterminated \nnext line"}, // a sequence ends with its line
		{"\x9b2J\u009b2J\x7f", "\ufffd2J"},
		{"", ""},
	}
	for _, c := range cases {
		if got := CleanLines(c.in); got != c.want {
			t.Errorf("CleanLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Markdown is the one way record text reaches markdown: nothing the record
// holds becomes markup, wherever in a line it lands.
func TestMarkdownTextEscapesMarkup(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Alice Okafor", "Alice Okafor"},
		{"![x](https://img.invalid/t.png)", `!\[x\](https://img.invalid/t.png)`},
		{"<img src=x>", `\<img src=x>`},
		{"loss 15 % > 10 %", "loss 15 % > 10 %"},
		{"&lt;b&gt; &#60;", `\&lt;b\&gt; \&\#60;`},
		{"`code` *em* _em_ ~~s~~ $x$", "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\$x\\$"},
		{"a | b", `a \| b`},
		{`back\slash`, `back\\slash`},
		{"# heading", `\# heading`},
		{"> quote", `\> quote`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"12. item", `12\. item`},
		{"3) item", `3\) item`},
		{"  indented code", "indented code"},
		{"3.5 kbit/s - fine", "3.5 kbit/s - fine"}, // markup only where a block starts
		{"x\x1b]52;c;cHduZWQ=\x07\u202ey", "xy"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Markdown(c.in); got != c.want {
			t.Errorf("Markdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
