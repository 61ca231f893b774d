package main

import (
	"errors"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/ui"
)

// A record that fails to open sends the user back to the picker, on that
// record and saying why; one that opens ends the command.
func TestListReturnsToThePickerWhenOpenFails(t *testing.T) {
	records := []*data.Record{{ID: "a"}, {ID: "b"}}
	var shown []ui.PickOptions
	choices := []string{"a", "b"}
	defer func(old func([]*data.Record, *colorprofile.Profile, ui.PickOptions) (string, error)) { pick = old }(pick)
	pick = func(_ []*data.Record, _ *colorprofile.Profile, o ui.PickOptions) (string, error) {
		shown = append(shown, o)
		id := choices[0]
		choices = choices[1:]
		return id, nil
	}
	var opened []string
	err := pickAndOpen(records, nil, func(id string) error {
		opened = append(opened, id)
		if id == "a" {
			return errors.New("Graph says 404")
		}
		return nil
	})
	if err != nil || len(opened) != 2 || len(shown) != 2 {
		t.Fatalf("err %v, opened %v, picker shown %d times", err, opened, len(shown))
	}
	if shown[0] != (ui.PickOptions{}) || shown[1].Selected != "a" || shown[1].Err == nil || shown[1].Err.Error() != "Graph says 404" {
		t.Errorf("the picker was shown with %+v", shown)
	}

	// esc in the picker (no id) ends it, without error.
	choices = []string{""}
	if err := pickAndOpen(records, nil, func(string) error { t.Error("opened"); return nil }); err != nil {
		t.Error(err)
	}
}
