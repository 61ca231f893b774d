package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
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
