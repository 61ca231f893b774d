package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
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

// copyPrompt is y and the key after it: what to copy of the selected row.
// It takes the one key after y, whatever it is (q and esc cancel; only
// ctrl+c still quits).
type copyPrompt struct {
	base
	armed bool
	pane  func() block // the details pane's text, for y s
}

func newCopyPrompt(ctx *Context, pane func() block) *copyPrompt {
	return &copyPrompt{base: base{ctx: ctx}, pane: pane}
}

const copyChoices = "y JSON · p jq path · i id · s pane text · m markdown"

// Capturing is whether the next key is the copy's (q is not quit there).
func (c *copyPrompt) Capturing() bool { return c.armed }

func (c *copyPrompt) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if c.armed {
		c.armed = false
		return c.copyNode(msg), true
	}
	if key.Matches(msg, c.ctx.Keys.Copy) {
		c.armed = true
		c.ctx.Status = "copy: " + copyChoices
		return nil, true
	}
	return nil, false
}

// disarm forgets a y when something else takes the screen (the ? screen).
func (c *copyPrompt) disarm() { c.armed = false }

// copyNode puts what the key after y names on the clipboard and says so.
func (c *copyPrompt) copyNode(msg tea.KeyPressMsg) tea.Cmd {
	ctx, k := c.ctx, c.ctx.Keys
	n := ctx.Tree.Selected()
	p := resolve(ctx.File, n)
	var text, name string
	switch {
	case key.Matches(msg, k.CopyJSON):
		text, name = p.raw(n.Level), "JSON"
	case key.Matches(msg, k.CopyPath):
		text, name = nodePath(ctx.File, n), "jq path"
	case key.Matches(msg, k.CopyID):
		text, name = p.id(n.Level), "id"
	case key.Matches(msg, k.CopyPane):
		pane := c.pane()
		lines := make([]string, len(pane))
		for i, l := range pane {
			lines[i] = strings.TrimRight(ansi.Strip(l), " ")
		}
		text, name = strings.TrimRight(strings.Join(lines, "\n"), "\n"), "pane text"
	case key.Matches(msg, k.CopyMarkdown):
		text, name = report.NodeMarkdown(p.rec, p.se, p.sg, p.md, p.st), "markdown"
	case key.Matches(msg, k.Quit), key.Matches(msg, k.Back):
		ctx.Status = "nothing copied"
		return nil
	default:
		ctx.Status = "nothing copied: " + copyChoices
		return nil
	}
	return ctx.copyText(text, name, sizeText(int64(len(text))))
}

// copyText puts text on the terminal's clipboard and keeps it for
// --print-on-exit; what names the copy in the status ("copied WHAT (name)")
// and name in the audit (Options.OnCopy). What was in the record is cleaned
// for the terminal, but the clipboard gets it as it was: the JSON must stay
// the JSON. --print-on-exit cleans the last copy for a terminal
// (text.CleanLines), not for a pipe, and takes what the clipboard can't.
func (ctx *Context) copyText(text, name, what string) tea.Cmd {
	ctx.LastCopy = text
	if ctx.Opts.PrintOnExit && tooBig(text) {
		// Nothing for the clipboard, all of it for the print.
		ctx.Status = "kept " + what + " (" + name + "), too big for the clipboard: printed when you quit"
		if ctx.Opts.OnCopy != nil {
			ctx.Opts.OnCopy(name)
		}
		return nil
	}
	seq, err := clipboardSequence(text, ctx.getenv, ctx.Opts.ReportHint)
	if err != nil {
		ctx.Status = name + " " + err.Error()
		return nil
	}
	ctx.Status = "copied " + what + " (" + name + ")"
	if ctx.Opts.OnCopy != nil {
		ctx.Opts.OnCopy(name)
	}
	return tea.Raw(seq)
}

func (c *copyPrompt) View() string { return "" } // it speaks through the status line

func (c *copyPrompt) ShortHelp() []key.Binding {
	if c.armed {
		return c.ctx.Keys.copyGroup().Keys
	}
	return []key.Binding{c.ctx.Keys.Copy}
}
func (c *copyPrompt) FullHelp() [][]key.Binding { return fullHelp(c.Groups()) }
func (c *copyPrompt) Groups() []Group {
	return []Group{{"Copy", []key.Binding{c.ctx.Keys.Copy}}, c.ctx.Keys.copyGroup()}
}
