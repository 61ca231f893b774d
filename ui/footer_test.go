package ui

import (
	"strings"
	"testing"
)

// A narrow footer drops the focused component's last hints (its least
// important) first; the status, ? and q always show.
func TestFooterDropsTheLeastImportantHintsFirst(t *testing.T) {
	f := demoFile(t)
	states := append(focusStates[:len(focusStates):len(focusStates)],
		struct {
			name string
			keys []string
			want func(*Model) Component
		}{"tree after ]", []string{"]", "]", "]", "]"}, func(m *Model) Component { return m.main }},
		struct {
			name string
			keys []string
			want func(*Model) Component
		}{"timeline after ]", []string{"t", "]"}, func(m *Model) Component { return m.ctx.view }})
	for _, w := range []int{60, 80, 100} {
		for _, s := range states {
			m := press(loaded(f, w, 24), s.keys...)
			lines := strings.Split(screen(m), "\n")
			foot := strings.TrimRight(lines[len(lines)-1], " ")
			end := "? all keys • q quit"
			if s.name == "help" {
				end = "q close"
			}
			if !strings.HasSuffix(foot, end) || width(foot) > w {
				t.Errorf("%d columns, %s: the footer %q does not end in %q", w, s.name, foot, end)
			}
			if m.ctx.Status != "" && !strings.HasPrefix(foot, m.ctx.Status) {
				t.Errorf("%d columns, %s: the footer %q lacks the status %q", w, s.name, foot, m.ctx.Status)
			}
			// The hints shown are the first of the component's list.
			shown := true
			for _, b := range s.want(m).ShortHelp() {
				h := b.Help()
				has := strings.Contains(foot, h.Key+" "+h.Desc)
				if has && !shown {
					t.Errorf("%d columns, %s: %q shows after a hint before it went: %q", w, s.name, h.Key+" "+h.Desc, foot)
				}
				shown = shown && has
			}
		}
	}
	// A status too long for the footer is cut before ? and q.
	m := loaded(f, 60, 24)
	m.ctx.Status = strings.Repeat("a long status ", 10)
	lines := strings.Split(screen(m), "\n")
	if foot := lines[len(lines)-1]; !strings.HasPrefix(foot, "a long status") || !strings.HasSuffix(strings.TrimRight(foot, " "), "? all keys • q quit") {
		t.Errorf("a long status: %q", foot)
	}
}
