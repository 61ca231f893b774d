package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	attack "github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
)

// A bad value is quoted in the Warnings section: as text, never as an
// image that loads from a server, a link or HTML.
func TestMarkdownWarningsAreEscaped(t *testing.T) {
	doc := `{"id":"w","startDateTime":"![x](https://img.invalid/t.png)","endDateTime":"<img src=x onerror=alert(1)>",
	 "lastModifiedDateTime":"[click](https://link.invalid/)","sessions":[]}`
	f, err := load.Load("w.json", []byte(doc))
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
	f, err := load.Load("m.json", []byte(doc))
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
	f, err := load.Load("a.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	Write(&b, f, FormatText)
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
