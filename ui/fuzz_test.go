package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	attack "github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/text"
)

// fuzzKeys are the keys FuzzExplorer presses: one byte of its input each.
var fuzzKeys = []string{"j", "k", "l", "h", "g", "G", "L", "H", "1", "2", "3", "4", "]", "[", "f", "p", "t",
	"esc", "enter", "r", "y", "i", "s", "m", "/", "n", "N", "tab", "?", "ctrl+d", "ctrl+u", "e", "a", "q", "pgdown", "end"}

// FuzzExplorer drives the explorer over the demo with a payload in one of
// its strings (or in all of them), at a random size, with random keys and
// resizes: every frame stays terminal text of exactly its size, and every
// copy is clean once printed on a terminal, its markdown inert.
func FuzzExplorer(f *testing.F) {
	sites := attack.Sites(samples.Demo)
	f.Add("", 0, uint8(100), uint8(30), []byte("jlllll"))
	for i, c := range attack.Classes {
		f.Add(c.Payload, i*37, uint8(80), uint8(24), []byte{1, 2, 2, 2, 20, 23, 15, 27, 16, 28})
	}
	f.Add(attack.All(), 3, uint8(20), uint8(6), []byte("pjjjenterjt"))
	f.Fuzz(func(t *testing.T, payload string, site int, w, h uint8, keys []byte) {
		if len(keys) > 64 {
			keys = keys[:64]
		}
		doc := samples.Demo
		switch {
		case payload == "":
		case site == 0:
			doc = attack.Everywhere(doc, payload)
		default:
			doc = attack.With(doc, sites[(site%len(sites)+len(sites))%len(sites)], payload)
		}
		file, err := load.Load("fuzz.json", doc)
		if err != nil {
			return // a payload can only break a key, which the loader may refuse
		}
		width, height := int(w)%200, int(h)%70
		m := loaded(file, width, height)
		m.ctx.Opts.Getenv = env(nil)
		for i, b := range keys {
			if int(b) >= len(fuzzKeys) {
				// Any other byte resizes the screen.
				width, height = int(b)*7%200, (int(b)+i)%70
				m = step(m, tea.WindowSizeMsg{Width: width, Height: height})
			} else {
				m = press(m, fuzzKeys[b])
			}
			if width > 0 && height > 0 {
				if p := attack.Screen(m.View().Content, width, height); p != "" {
					t.Fatalf("after %d keys at %dx%d: %s", i+1, width, height, p)
				}
			}
			if p := attack.Terminal(m.View().WindowTitle, false, false); p != "" {
				t.Fatalf("window title: %s", p)
			}
			c := m.LastCopy()
			if p := attack.Terminal(text.CleanLines(c), true, false); p != "" {
				t.Fatalf("the last copy on a terminal: %s", p)
			}
			if strings.Contains(m.ctx.Status, "(markdown)") {
				if p := attack.Markdown(c); p != "" {
					t.Fatalf("markdown copy: %s", p)
				}
			}
		}
	})
}
