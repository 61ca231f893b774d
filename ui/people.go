package ui

import (
	"fmt"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// peopleView lists a call's participants: who, what kind, how many
// sessions, the worst verdict, platforms and connections.
type peopleView struct {
	rec    int
	people []data.Person
	list   list
}

func newPeopleView(f *data.File, rec int) *peopleView {
	v := &peopleView{rec: rec, people: f.Records[rec].People()}
	v.list.setSize(len(v.people), 0)
	return v
}

func (v *peopleView) selected() *data.Person {
	if len(v.people) == 0 {
		return nil
	}
	return &v.people[v.list.cursor]
}

func (v *peopleView) render(w, h int, st styles) []string {
	nameW := min(max(w/3, 12), 36)
	head := fmt.Sprintf("   %-*s %-16s %8s  %s", nameW, "participant", "kind", "sessions", "platforms · connections")
	out := []string{fit(st.label.Render(head), w)}
	if len(v.people) == 0 {
		out = append(out, fit(st.muted.Render("   no participants in this record"), w))
	}
	from, to := v.list.visible()
	for i := from; i < to; i++ {
		p := v.people[i]
		sym, style := mark(p.Quality, st)
		seen := strings.Join(append(append([]string{}, p.Platforms...), p.Connections...), " · ")
		// fit pads by display width: a CJK name takes two cells a letter.
		plain := fmt.Sprintf(" %s %s %s %8d  %s", sym, fit(text.Clean(p.Name), nameW), fit(text.Clean(p.Kind), 16), len(p.Sessions), text.Clean(seen))
		if i == v.list.cursor {
			out = append(out, st.selected.Render(fit(plain, w)))
			continue
		}
		out = append(out, fit(" "+style.Render(sym)+plain[len(" "+sym):], w))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out[:max(h, 0)]
}
