package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run shows the explorer until the user quits. A load error ends it and is
// returned. profile forces a colour profile when set (NO_COLOR, --color).
// It returns the last text copied, for --print-on-exit.
func Run(opts Options, profile *colorprofile.Profile) (lastCopy string, err error) {
	var popts []tea.ProgramOption
	if profile != nil {
		popts = append(popts, tea.WithColorProfile(*profile))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	final, err := tea.NewProgram(New(opts), popts...).Run()
	if err != nil {
		return "", err
	}
	m, _ := final.(Model)
	return m.lastCopy, m.err
}
