package serve

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

type stubModel struct{ got []tea.Msg }

func (s *stubModel) Init() tea.Cmd { return nil }
func (s *stubModel) Update(m tea.Msg) (tea.Model, tea.Cmd) {
	s.got = append(s.got, m)
	return s, nil
}
func (s *stubModel) View() tea.View { return tea.NewView("stub") }

type hello struct{}

// After q the session is back in the picker; what the closed explorer's
// commands return later must not reach the next explorer.
func TestStaleExplorerMessagesAreDropped(t *testing.T) {
	m := &sessionModel{srv: &Server{cfg: Config{Notice: time.Millisecond}}, picker: newPicker(nil, nil, "", false, "")}
	stub := &stubModel{}
	m.explorer, m.gen = stub, 2
	m.Update(taggedMsg{1, hello{}})
	if len(stub.got) != 0 {
		t.Fatal("a closed explorer's message reached the open one")
	}
	m.Update(taggedMsg{2, hello{}})
	if len(stub.got) != 1 {
		t.Fatal("the open explorer's message was lost")
	}
	// Bubble Tea's own messages (raw output: the clipboard) go back to the
	// program, which carries them out.
	_, cmd := m.Update(taggedMsg{2, tea.RawMsg{Msg: "\x1b]52;c;eA==\a"}})
	if cmd == nil || len(stub.got) != 1 {
		t.Fatal("a raw output message went to the model")
	}
	if _, ok := cmd().(tea.RawMsg); !ok {
		t.Fatal("the raw output did not go back to the program")
	}
	if _, cmd := m.Update(taggedMsg{2, tea.QuitMsg{}}); cmd != nil || m.explorer != nil || m.gen != 3 {
		t.Fatalf("q in the explorer: explorer %v, gen %d, cmd %v", m.explorer, m.gen, cmd != nil)
	}
	// Batches are tagged element by element.
	batch := tag(5, tea.Batch(func() tea.Msg { return hello{} }, func() tea.Msg { return hello{} }))().(tea.BatchMsg)
	for _, c := range batch {
		if got, ok := c().(taggedMsg); !ok || got.gen != 5 {
			t.Fatalf("batch element: %#v", got)
		}
	}
}

// Without a picker, q ends the session; with the session closing, keys do
// nothing.
func TestDirectExplorerQuitsAndClosingIgnoresKeys(t *testing.T) {
	m := &sessionModel{srv: &Server{cfg: Config{Notice: time.Millisecond}}}
	stub := &stubModel{}
	m.explorer, m.gen = stub, 1
	m.Update(shutdownMsg{})
	m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	if len(stub.got) != 0 {
		t.Fatal("a key reached the explorer while closing")
	}
	if _, cmd := m.Update(taggedMsg{1, tea.QuitMsg{}}); cmd == nil {
		t.Fatal("q without a picker did not quit")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q without a picker did not quit")
	}
}

func TestDurationText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30m", time.Hour: "1h", 90 * time.Second: "1m30s", 400 * time.Millisecond: "400ms", 2*time.Hour + 5*time.Minute: "2h5m",
	} {
		if got := durationText(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
