package ui

import (
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jqpath"
	"github.com/callscope/callscope/report"
)

// nodePath is the jq path of a node in its file.
func nodePath(f *data.File, n Node) string {
	p := resolve(f, n)
	return jqpath.Of(f, p.rec, p.se, p.sg, p.md, p.st)
}

// copy puts what the key after y names on the clipboard and says so.
func (m *Model) copyNode(what string) tea.Cmd {
	n := m.tree.Selected()
	p := resolve(m.file, n)
	var text, name string
	switch what {
	case "y":
		text, name = p.raw(n.Level), "JSON"
	case "p":
		text, name = nodePath(m.file, n), "jq path"
	case "i":
		text, name = p.id(n.Level), "id"
	case "s":
		lines := make([]string, len(m.detail))
		for i, l := range m.detail {
			lines[i] = strings.TrimRight(ansi.Strip(l), " ")
		}
		text, name = strings.TrimRight(strings.Join(lines, "\n"), "\n"), "pane text"
	case "m":
		text, name = report.NodeMarkdown(p.rec, p.se, p.sg, p.md, p.st), "markdown"
	default:
		m.status = "nothing copied: y JSON · p jq path · i id · s pane text · m markdown"
		return nil
	}
	// What was in the record is cleaned for the terminal, but the clipboard
	// gets it as it was: the JSON must stay the JSON. --print-on-exit
	// cleans the last copy for a terminal (text.CleanLines), not for a pipe.
	getenv := m.opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	m.lastCopy = text
	seq, err := clipboardSequence(text, getenv)
	if err != nil {
		m.status = name + " " + err.Error()
		return nil
	}
	m.status = "copied " + sizeText(int64(len(text))) + " (" + name + ")"
	if m.opts.OnCopy != nil {
		m.opts.OnCopy(name)
	}
	return tea.Raw(seq)
}
