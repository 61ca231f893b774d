package ui

import (
	"fmt"

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
	return finalResult(final)
}

// finalResult is what the program's last model says: the explorer is a
// *Model, and anything else is a bug that must not pass for success (a
// failed comma-ok assertion would lose the load error and the copy).
func finalResult(final tea.Model) (lastCopy string, err error) {
	m, ok := final.(*Model)
	if !ok {
		return "", fmt.Errorf("internal error: the explorer ended as %T", final)
	}
	return m.LastCopy(), m.Err()
}
