package data

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	attack "github.com/callscope/callscope/internal/hostile"
)

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

// mdText is the one way record text reaches markdown: nothing the record
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
		if got := mdText(c.in); got != c.want {
			t.Errorf("mdText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A bad value is quoted in the Warnings section: as text, never as an
// image that loads from a server, a link or HTML.
func TestMarkdownWarningsAreEscaped(t *testing.T) {
	doc := `{"id":"w","startDateTime":"![x](https://img.invalid/t.png)","endDateTime":"<img src=x onerror=alert(1)>",
	 "lastModifiedDateTime":"[click](https://link.invalid/)","sessions":[]}`
	f, err := Load("w.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records[0].Warnings) < 3 {
		t.Fatalf("warnings %q", f.Records[0].Warnings)
	}
	md := RecordMarkdown(f.Records[0])
	if p := attack.Markdown(md); p != "" {
		t.Errorf("%s\n%s", p, md)
	}
	if !strings.Contains(md, `!\[x\](https://img.invalid/t.png)`) {
		t.Errorf("the bad value is not quoted:\n%s", md)
	}
}

// y m on a media row names each side's network by its participant, in the
// table's label column: escaped and cleaned like every other cell.
func TestNodeMarkdownEscapesEveryCell(t *testing.T) {
	doc := `{"id":"c","sessions":[{"id":"s","caller":{"associatedIdentity":{"displayName":"Eve | **Boss** \u001b]52;c;cHduZWQ=\u0007\u202eX"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "segments":[{"id":"g","media":[{"label":"main-audio","callerNetwork":{"connectionType":"wired","ipAddress":"10.0.0.1"},
	  "streams":[{"streamDirection":"callerToCallee","packetUtilization":900}]}]}]}]}`
	f, err := Load("m.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Records[0]
	se := r.Sessions[0]
	sg := se.Segments[0]
	md := sg.Media[0]
	out := NodeMarkdown(r, se, sg, md, nil)
	if p := attack.Markdown(out); p != "" {
		t.Errorf("%s\n%s", p, out)
	}
	if !strings.Contains(out, `| **Eve \| \*\*Boss\*\* X network** | wired, 10.0.0.1 |`) {
		t.Errorf("the label is not escaped:\n%s", out)
	}
}

// Columns of the text report line up on a terminal: a name's width is its
// cells, not its bytes or runes.
func TestTextReportAlignsByDisplayWidth(t *testing.T) {
	doc := `{"id":"a","sessions":[
	 {"id":"s1","caller":{"associatedIdentity":{"displayName":"山田太郎"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	  "segments":[{"id":"g","media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.3}]}]}]},
	 {"id":"s2","caller":{"associatedIdentity":{"displayName":"Zoë 👍🏽"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	  "segments":[{"id":"g","media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.3}]}]}]},
	 {"id":"s3","caller":{"associatedIdentity":{"displayName":"Ana"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	  "segments":[{"id":"g","media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.3}]}]}]},
	 {"id":"s4","caller":{"associatedIdentity":{"displayName":"❤\ufe0f Anna\u00adLena e\u0301"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	  "segments":[{"id":"g","media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.3}]}]}]}]}`
	f, err := Load("a.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteReport(&b, f, FormatText)
	col := -1
	rows := 0
	for _, line := range strings.Split(b.String(), "\n") {
		i := strings.Index(line, "main-audio")
		if i < 0 {
			continue
		}
		rows++
		c := ansi.StringWidth(line[:i])
		if col >= 0 && c != col {
			t.Errorf("MEDIA starts at cell %d, above at %d:\n%s", c, col, b.String())
		}
		col = c
	}
	if rows != 4 {
		t.Fatalf("%d poor rows:\n%s", rows, b.String())
	}
}
