package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	attack "github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
)

// checkReports writes every report of f, and the markdown of every node,
// and says what in them a terminal or a markdown renderer would obey.
func checkReports(f *data.File) string {
	for _, format := range []Format{FormatText, FormatMarkdown, FormatJSON} {
		var b bytes.Buffer
		if err := Write(&b, f, format); err != nil {
			return string(format) + ": " + err.Error()
		}
		out := b.String()
		var p string
		switch format {
		case FormatText:
			p = attack.Terminal(out, true, false)
			if p == "" && strings.Contains(out, "\t") {
				p = "a tab"
			}
		case FormatMarkdown:
			p = attack.Markdown(out)
		case FormatJSON:
			p = attack.Terminal(out, true, false)
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if p == "" && !json.Valid([]byte(line)) {
					p = "invalid JSON: " + line
				}
			}
		}
		if p != "" {
			return string(format) + " report: " + p
		}
	}
	for _, r := range f.Records {
		if p := attack.Markdown(NodeMarkdown(r, nil, nil, nil, nil)); p != "" {
			return "call markdown: " + p
		}
		for _, se := range r.Sessions {
			if p := attack.Markdown(NodeMarkdown(r, se, nil, nil, nil)); p != "" {
				return "session " + se.ID + " markdown: " + p
			}
			for _, sg := range se.Segments {
				if p := attack.Markdown(NodeMarkdown(r, se, sg, nil, nil)); p != "" {
					return "segment markdown: " + p
				}
				for _, md := range sg.Media {
					if p := attack.Markdown(NodeMarkdown(r, se, sg, md, nil)); p != "" {
						return "media markdown: " + p
					}
					for _, st := range md.Streams {
						if p := attack.Markdown(NodeMarkdown(r, se, sg, md, st)); p != "" {
							return "stream markdown: " + p
						}
					}
				}
			}
		}
	}
	return ""
}

// The demo attacked every way: each class of payload in every string at
// once, every class at once in each string and each key in turn. Every
// report, and the markdown of every node, stays text.
func TestHostileRecordsReports(t *testing.T) {
	t.Parallel()
	n := 0
	for v := range attack.Variants(samples.Demo) {
		n++
		f, err := load.Load("hostile.json", v.Doc)
		if err != nil {
			t.Errorf("%s: %v", v.Name, err)
			continue
		}
		if p := checkReports(f); p != "" {
			t.Errorf("%s: %s", v.Name, p)
		}
	}
	// One variant per class, per string value, per key name.
	want := len(attack.Classes)
	keys := map[string]bool{}
	for _, s := range attack.Sites(samples.Demo) {
		if s.Key {
			keys[s.Original] = true
		} else {
			want++
		}
	}
	if want += len(keys); n != want || n < 500 {
		t.Errorf("%d variants, want %d", n, want)
	}
}

// Each class alone in the strings of each node in turn: one class cannot
// hide behind another, and the rest of the record stays sound.
func TestHostileRecordsReportsByNode(t *testing.T) {
	t.Parallel()
	for v := range attack.ByNode(samples.Demo) {
		f, err := load.Load("hostile.json", v.Doc)
		if err != nil {
			t.Errorf("%s: %v", v.Name, err)
			continue
		}
		if p := checkReports(f); p != "" {
			t.Errorf("%s: %s", v.Name, p)
		}
	}
}
