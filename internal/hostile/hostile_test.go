package hostile

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/samples"
)

func TestSitesFindEveryString(t *testing.T) {
	sites := Sites(samples.Demo)
	var values, keys int
	paths := map[string]bool{}
	for _, s := range sites {
		if s.Key {
			keys++
		} else {
			values++
		}
		paths[s.Path] = true
	}
	// The demo's string values, counted by walking it another way.
	want := 0
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		if v.Type == gjson.String {
			want++
		}
		if v.IsObject() || v.IsArray() {
			v.ForEach(func(_, m gjson.Result) bool { walk(m); return true })
		}
	}
	walk(gjson.ParseBytes(samples.Demo))
	if values != want || keys == 0 {
		t.Errorf("%d values and %d keys, want %d values", values, keys, want)
	}
	for _, p := range []string{".id", ".sessions[0].caller.associatedIdentity.displayName", `.sessions[0].segments[0].media[0].streams[1].averageJitter`} {
		if !paths[p] {
			t.Errorf("no site %s", p)
		}
	}
}

func TestWithPutsThePayloadIntoOneString(t *testing.T) {
	for _, s := range Sites(samples.Demo) {
		if s.Path != ".sessions[0].caller.associatedIdentity.displayName" || s.Key {
			continue
		}
		for _, c := range Classes {
			doc := With(samples.Demo, s, c.Payload)
			got := gjson.GetBytes(doc, "sessions.0.caller.associatedIdentity.displayName").Str
			if c.Name != "C1 raw" && got != c.Payload+s.Original+c.Payload {
				t.Errorf("%s: %q", c.Name, got)
			}
			if c.Name == "C1 raw" && !strings.Contains(string(doc), "\x9b2J") {
				t.Errorf("the raw C1 byte is not in the document")
			}
			if gjson.GetBytes(doc, "sessions.0.caller.userAgent.platform").Str != "windows" {
				t.Errorf("%s: the rest of the document changed", c.Name)
			}
		}
		return
	}
	t.Fatal("no such site")
}

func TestEverywhere(t *testing.T) {
	doc := Everywhere(samples.Demo, "§")
	for _, s := range Sites(doc) {
		if !s.Key && !(strings.HasPrefix(s.Original, "§") && strings.HasSuffix(s.Original, "§")) {
			t.Fatalf("%s: %q", s.Path, s.Original)
		}
	}
}

func TestSiteNode(t *testing.T) {
	se, sg, md, st := Site{Path: ".sessions[3].segments[0].media[2].streams[1].streamId"}.Node()
	if se != 3 || sg != 0 || md != 2 || st != 1 {
		t.Errorf("%d %d %d %d", se, sg, md, st)
	}
	if se, sg, _, _ := (Site{Path: ".sessions[12].caller.name"}).Node(); se != 12 || sg != -1 {
		t.Errorf("%d %d", se, sg)
	}
}

// The checks catch every class as it is: a check that cannot fail proves
// nothing.
func TestChecksCatchEveryPayload(t *testing.T) {
	for _, c := range Classes {
		term := Terminal("x"+c.Payload+"y", false, false)
		md := Markdown("- " + c.Payload + "\n\n| a | " + c.Payload + " |\n|---|---|\n")
		switch c.Name {
		case "markdown", "heading", "list", "ordered list", "quote", "image", "link", "HTML":
			if md == "" {
				t.Errorf("%s: the markdown check passes it", c.Name)
			}
		case "wide":
			if term != "" || md != "" {
				t.Errorf("wide text is not hostile: %s / %s", term, md)
			}
		default:
			if term == "" {
				t.Errorf("%s: the terminal check passes it", c.Name)
			}
		}
	}
	if p := Terminal("a\nb\tc", true, false); p != "" {
		t.Error(p)
	}
	if p := Terminal("a\nb", false, false); p == "" {
		t.Error("a line break passed")
	}
	if p := Terminal("\x1b[1;31mred\x1b[m", false, true); p != "" {
		t.Error(p)
	}
	if p := Terminal("\x1b[2Jred", false, true); p == "" {
		t.Error("a CSI other than colour passed")
	}
	if p := Screen("ab\ncd", 2, 2); p != "" {
		t.Error(p)
	}
	if p := Screen("ab\n日", 2, 2); p != "" {
		t.Error(p)
	}
	if p := Screen("ab\nc", 2, 2); p == "" {
		t.Error("a short line passed")
	}
	if p := Markdown("| a | b \\| c |\n|---|---|\n| x \\| y | z |\n"); p != "" {
		t.Error(p)
	}
	if p := Markdown("\\<img \\![x\\]\\(y) a \\\\\\`b"); p != "" {
		t.Error(p)
	}
	for _, item := range []string{"- 0)0", "- 3.5 kbit/s", "- 12\\. x", "- 0123456789) x"} {
		if p := Markdown(item); p != "" {
			t.Errorf("%q: %s", item, p)
		}
	}
	for _, item := range []string{"- 12. x", "- 3)", "- 012345678) x", "- # h", "- > q", "- - l"} {
		if p := Markdown(item); p == "" {
			t.Errorf("%q passed", item)
		}
	}
}
