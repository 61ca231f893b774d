package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// childKeys are the arrays that hold a node's children: the raw view of a
// node elides them (they are rows of their own in the tree), so that the
// call of a 100 MB meeting shows its own fields, not 100 MB.
var childKeys = map[Level]string{LevelCall: "sessions", LevelSession: "segments", LevelSegment: "media", LevelMedia: "streams"}

// rawText is a node's own JSON as in the source, children elided,
// pretty-printed.
func rawText(f *data.File, n Node) string {
	p := resolve(f, n)
	raw := p.raw(n.Level)
	child := childKeys[n.Level]
	if n.Level == LevelCall && f.Shape == data.ShapeSessions {
		child = "value"
	}
	if (n.Level == LevelCall || n.Level == LevelSession) && f.Shape == data.ShapeSegments {
		child = "value" // the call and its one session are the whole file
	}
	if child != "" && gjson.Valid(raw) && strings.HasPrefix(strings.TrimSpace(raw), "{") {
		raw = elide(raw, child)
	}
	return string(pretty.PrettyOptions([]byte(raw), &pretty.Options{Width: 80, Indent: "  "}))
}

// elide replaces the value of the member whose normalised key is child
// (and of any AdditionalProperties member with it) by a note.
func elide(obj, child string) string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	gjson.Parse(obj).ForEach(func(k, v gjson.Result) bool {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(k.Raw)
		b.WriteByte(':')
		norm := strings.ToLower(strings.ReplaceAll(k.Str, "_", ""))
		switch {
		case norm == child && v.IsArray():
			n := len(v.Array())
			note := fmt.Sprintf("… %d %s: rows of their own in the tree", n, child)
			b.Write(gjson.AppendJSONString(nil, note)) // a string keeps it JSON
		case norm == "additionalproperties" && v.IsObject():
			b.WriteString(elide(v.Raw, child))
		default:
			b.WriteString(v.Raw)
		}
		return true
	})
	b.WriteByte('}')
	return b.String()
}

// rawLines draws the raw view: cleaned, coloured, wrapped to w.
func rawLines(raw string, w int, st styles) block {
	var b block
	for _, line := range strings.Split(strings.TrimRight(raw, "\n"), "\n") {
		line = text.Clean(line)
		indent := len(line) - len(strings.TrimLeft(line, " "))
		for i, part := range strings.Split(ansi.Hardwrap(colorJSON(line, st), max(w-indent-2, 10), true), "\n") {
			if i > 0 {
				part = strings.Repeat(" ", indent+2) + part
			}
			b = append(b, fit(part, w))
		}
	}
	return b
}

// colorJSON paints one pretty-printed line: keys, strings, numbers, literals.
func colorJSON(line string, st styles) string {
	trimmed := strings.TrimLeft(line, " ")
	out := line[:len(line)-len(trimmed)]
	rest := trimmed
	if strings.HasPrefix(rest, `"`) {
		end := stringEnd(rest)
		if after := strings.TrimLeft(rest[end:], " "); strings.HasPrefix(after, ":") {
			out += st.label.Render(rest[:end]) + rest[end:len(rest)-len(after)+1]
			rest = after[1:]
		}
	}
	value := strings.TrimLeft(rest, " ")
	out += rest[:len(rest)-len(value)]
	switch {
	case strings.HasPrefix(value, `"`):
		end := stringEnd(value)
		out += st.good.Render(value[:end]) + value[end:]
	case value != "" && (value[0] == '-' || (value[0] >= '0' && value[0] <= '9')):
		end := strings.IndexAny(value, ",]} ")
		if end < 0 {
			end = len(value)
		}
		out += st.title.Render(value[:end]) + value[end:]
	case strings.HasPrefix(value, "true"), strings.HasPrefix(value, "false"), strings.HasPrefix(value, "null"):
		end := strings.IndexAny(value, ",]} ")
		if end < 0 {
			end = len(value)
		}
		out += st.muted.Render(value[:end]) + value[end:]
	default:
		out += value
	}
	return out
}

// stringEnd is the index after the JSON string that s starts with.
func stringEnd(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}

// rawPane is the selected row's raw JSON, as in the file, in place of its
// details.
type rawPane struct{ nodePane }

func newRawPane(ctx *Context) *rawPane {
	return &rawPane{newNodePane(ctx, func(f *data.File, n Node, w int, st styles) block {
		return rawLines(rawText(f, n), w, st)
	})}
}

// HandleKey: r again, or esc, goes back to the details.
func (p *rawPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if p.scrollKey(msg) {
		return nil, true
	}
	if key.Matches(msg, p.ctx.Keys.Raw) || key.Matches(msg, p.ctx.Keys.Back) {
		p.ctx.Raw = false
		return nil, true
	}
	return nil, false
}

func (p *rawPane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return []key.Binding{short(k.Down, "↓/j", "scroll"), short(k.Raw, "r", "back to the details")}
}
func (p *rawPane) FullHelp() [][]key.Binding { return fullHelp(p.Groups()) }
func (p *rawPane) Groups() []Group {
	k := p.ctx.Keys
	return []Group{p.scrollGroup(), {"Raw JSON", []key.Binding{short(k.Raw, "r", "back to the details"), short(k.Back, "esc", "back to the details")}}}
}

func (p *rawPane) title() string {
	n := p.ctx.Tree.Selected()
	return "Raw JSON · " + detailTitle(p.ctx.File, n) + " · " + nodePath(p.ctx.File, n) + p.span()
}
