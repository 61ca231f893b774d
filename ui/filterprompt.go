package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/text"
)

// filterPrompt is a list's filter typed in a text input, applied as it is
// typed: enter keeps it, esc clears it, and either closes the prompt. The
// problems list and the log table filter through it.
type filterPrompt struct {
	input textinput.Model
	open  bool // it takes every key
}

// key types msg into the open prompt: the filter after it, and whether the
// prompt closed.
func (p *filterPrompt) key(msg tea.KeyPressMsg, k *KeyMap) (string, bool, tea.Cmd) {
	switch {
	case key.Matches(msg, k.SearchRun), key.Matches(msg, k.SearchClose):
		if key.Matches(msg, k.SearchClose) {
			p.input.SetValue("")
		}
		p.open = false
		p.input.Blur()
		return p.input.Value(), true, nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p.input.Value(), false, cmd
}

// EditFilter is a filter typed into by hand after msg: backspace takes a
// character back, ctrl+u clears it, typed text is added cleaned and on one
// line (a space typed is kept: "wi-fi 2.4"); false for a key that types
// nothing. The participants, the timeline and serve's picker and logs type
// their filters through it.
func EditFilter(f string, msg tea.KeyPressMsg) (string, bool) {
	switch {
	case msg.Code == tea.KeyBackspace:
		_, n := utf8.DecodeLastRuneInString(f)
		return f[:len(f)-n], true
	case msg.String() == "ctrl+u":
		return "", true
	case msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
		return f + strings.Map(oneSpace, text.Clean(msg.Text)), true
	}
	return f, false
}

// oneSpace makes a typed tab or line break a space: the filter is one line.
func oneSpace(r rune) rune {
	if r == '\t' || r == '\n' || r == '\r' {
		return ' '
	}
	return r
}
