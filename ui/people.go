package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// peopleView lists a call's participants: who, what kind, how many
// sessions, the worst verdict, platforms and connections.
type peopleView struct {
	base
	rec    int
	people []data.Person
	list   list
}

func init() {
	registerView(func(k *KeyMap) key.Binding { return k.People }, func(c *Context) Component {
		return newPeopleView(c, int(c.Tree.Selected().Rec))
	})
}

func newPeopleView(ctx *Context, rec int) *peopleView {
	v := &peopleView{base: base{ctx: ctx}, rec: rec, people: ctx.File.Records[rec].People()}
	v.list.setSize(len(v.people), 0)
	return v
}

// SetSize: the list has the box less the title rule and the heading.
func (v *peopleView) SetSize(w, h int) {
	v.base.SetSize(w, h)
	v.list.setSize(len(v.people), v.h-2)
}

func (v *peopleView) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := v.ctx, v.ctx.Keys
	switch {
	case v.list.handleKey(msg, k):
	case key.Matches(msg, k.Open):
		p := v.selected()
		if p == nil {
			return nil, true
		}
		rec, sessions := int32(v.rec), map[int32]bool{}
		for _, se := range p.Sessions {
			sessions[int32(se)] = true
		}
		c.setFilter(fmt.Sprintf("%s's %s", text.Clean(p.Name), text.Plural(len(p.Sessions), "session")), func(n Node) bool {
			return n.Level != LevelSession || (n.Rec == rec && sessions[n.Se])
		})
		if c.Tree.Rows() > 1 {
			c.Tree.MoveTo(1) // their first session, and its findings
		}
		c.closeView()
	case key.Matches(msg, k.Back), key.Matches(msg, k.People):
		c.closeView()
	default:
		return nil, false
	}
	return nil, true
}

func (v *peopleView) View() string {
	title := v.ctx.rule("Participants · enter shows one's sessions · esc back", v.w, true)
	return joinLines(append([]string{title}, v.render(v.w, v.h-1, v.ctx.St)...)[:v.h])
}

func (v *peopleView) ShortHelp() []key.Binding  { return viewShortHelp(v.ctx.Keys) }
func (v *peopleView) FullHelp() [][]key.Binding { return fullHelp(v.Groups()) }
func (v *peopleView) Groups() []Group {
	k := v.ctx.Keys
	return []Group{k.moveGroup(), {"Participants", []key.Binding{short(k.Open, "enter/→/l", "show the participant's sessions in the tree"),
		short(k.Back, "esc", "back to the tree"), short(k.People, "p", "back to the tree")}}}
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
