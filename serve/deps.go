package serve

// deps.go is the one file of serve that names callscope's other packages:
// when they move (load, report, redact, graph, ui …), only this file
// changes. Everything here is a thin call, with no logic of its own.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/archive"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/redact"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
	"github.com/callscope/callscope/ui"
)

type (
	// File is a loaded source: one or more call records.
	File = data.File
	// Record is one call record of a File.
	Record = data.Record
	// GraphClient fetches from Microsoft Graph.
	GraphClient = graph.Client
	// GraphLimits is the one pace all Graph requests share.
	GraphLimits = graph.Limits
)

// NewGraphLimits is a pace on the real clock, for Config.Graph's clients.
func NewGraphLimits() *GraphLimits { return graph.NewLimits() }

// NewGraphHTTP is one HTTP client for every Graph client of the server, so
// that they reuse connections; the timeouts are the Graph client's own.
func NewGraphHTTP() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 15 * time.Second
	t.ResponseHeaderTimeout = 90 * time.Second
	return &http.Client{Transport: t, Timeout: 3 * time.Minute}
}

// readRecordFile reads a file (plain, gzip or UTF-16 JSON) of at most max
// bytes once decoded. name is the file as sessions see it: the limit's
// own message names a command-line flag sessions do not have.
func readRecordFile(path, name string, max int64) ([]byte, error) {
	b, err := load.Limits{MaxSize: max}.ReadSource(path, nil)
	var le *load.LimitError
	if errors.As(err, &le) {
		return nil, fmt.Errorf("%s is larger than this server takes (%s once decompressed; raise the server's --cache)", name, sizeText(max))
	}
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		return nil, fmt.Errorf("%s cannot be read: %v", name, pe.Err)
	case err != nil: // named as sessions know the file, not by the server's path
		return nil, errors.New(strings.ReplaceAll(err.Error(), path, name))
	}
	return b, nil
}

// loadRecord parses what readRecordFile or a fetch gave.
func loadRecord(name string, b []byte) (*File, error) { return load.Load(name, b) }

// redactRecord pseudonymises a record's bytes exactly as `callscope
// redact` does with its default categories (nothing kept).
func redactRecord(name string, b []byte) ([]byte, error) {
	red, _, err := redact.Named(name, b, nil)
	return red, err
}

// checkRecordID accepts what Graph would take as a call record id.
func checkRecordID(id string) (string, error) { return graph.CheckRecordID(id) }

// archiveName reads <id>.v<version>.json.gz, the archive's file names.
func archiveName(name string) (id string, version int64, ok bool) { return archive.ParseName(name) }

// fetchRecord fetches a whole call record and, when it has PSTN legs, the
// log rows of its time, as `callscope --id` does: raw holds them, and file
// is raw loaded (once: the rows are added to the record loaded, see
// pstn.AddToFile); version is the record's (-1: none).
func fetchRecord(ctx context.Context, c *GraphClient, id string, progress func(string)) (raw []byte, file *File, version int64, err error) {
	if progress != nil {
		c.Progress = func(p graph.Progress) { progress(p.String()) }
	}
	raw, _, err = c.FetchRecord(ctx, id, false)
	if err != nil {
		return nil, nil, -1, err
	}
	f, err := load.Load("Graph call record "+id, raw)
	if err != nil {
		return nil, nil, -1, err
	}
	if len(f.Records) != 1 {
		return raw, f, -1, nil
	}
	version = recordVersion(f.Records[0])
	if f, raw, err = pstn.AddToFile(ctx, c, f, raw); err != nil {
		return nil, nil, -1, err
	}
	return raw, f, version, nil
}

// listRecords lists the call records that started in [from, to).
func listRecords(ctx context.Context, c *GraphClient, from, to time.Time) ([]byte, error) {
	return c.List(ctx, graph.ListOptions{From: from, To: to})
}

// recordVersion is a record's version, -1 when it has none.
func recordVersion(r *Record) int64 {
	if r.Version.OK {
		return r.Version.V
	}
	return -1
}

// writeReport prints a file's report as `callscope report` does: format
// is text, markdown or json, with the PSTN log rows its records hold.
func writeReport(w io.Writer, f *File, format string) error {
	ft, err := report.ParseFormat(format)
	if err != nil {
		return err
	}
	return pstn.WriteReport(w, f, ft, nil)
}

// checkFormat refuses a report format before anything is loaded.
func checkFormat(format string) error {
	_, err := report.ParseFormat(format)
	return err
}

// clean makes any text safe for a terminal line.
func clean(s string) string { return text.Clean(s) }

// cut fits a line to w cells, "…" where it cuts; clip keeps n runes of
// clean text; cells is a line's width on screen.
func cut(s string, w int) string  { return text.Cut(s, w) }
func clip(s string, n int) string { return text.Truncate(clean(s), n) }
func cells(s string) int          { return text.Width(s) }

// typeWords is a record's type in words ("group call").
func typeWords(t string) string { return data.Words("type", t) }

// editFilter is a typed filter after a key (ui.EditFilter).
func editFilter(f string, msg tea.KeyPressMsg) (string, bool) { return ui.EditFilter(f, msg) }

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte { return text.AppendJSON(b, s) }

func spanText(d time.Duration) string        { return text.FormatSpan(d) }
func sizeText(n int64) string                { return load.SizeText(n) }
func organizerName(r *Record) string         { return r.OrganizerName() }
func recordDuration(r *Record) time.Duration { return r.Duration() }

// explorerOptions is what a session's explorer is given.
type explorerOptions struct {
	source string
	size   int64
	load   func(ctx context.Context, progress func(string)) (*File, error)
	getenv func(string) string
	onCopy func(kind string)
}

// newExplorer is callscope's explorer for one session: suspend is off (it
// would stop the server), the clipboard goes to the session's terminal and
// reads the session's environment, and copies are told to onCopy.
func newExplorer(o explorerOptions) tea.Model {
	return ui.New(ui.Options{
		Source: o.source, Size: o.size, Load: o.load,
		Dark: true, AutoTheme: true,
		Getenv: o.getenv, OnCopy: o.onCopy, ReportHint: "ssh HOST report --format json CALLID",
		NoSuspend: "suspend is off over SSH (ssh's own ~^Z suspends your ssh)",
	})
}

// explorerErr is the load error that ended an explorer, if any.
func explorerErr(m tea.Model) error {
	if e, ok := m.(*ui.Model); ok {
		return e.Err()
	}
	return nil
}

// forcedProfile is the colour profile the session's environment forces
// (NO_COLOR set to anything), as the command line reads it.
func forcedProfile(getenv func(string) string) (colorprofile.Profile, bool) {
	p, forced, _ := theme.Profile("auto", getenv)
	return p, forced
}

// pickerStyles are the picker's styles, from callscope's dark theme.
type pickerStyles struct{ header, muted, label, selected, warning lipgloss.Style }

func newPickerStyles() pickerStyles {
	t := theme.New(true)
	return pickerStyles{header: t.Header, muted: t.Muted, label: t.Label, selected: t.Selected, warning: t.Warning}
}

// decodeText turns bytes into UTF-8 JSON text as files are read (a
// byte-order mark, UTF-16); plain UTF-8 is not copied.
func decodeText(b []byte) ([]byte, error) { return load.Decode("head", b) }

// maxLogSpan is the most of the logs the picker's entry asks for: what
// getPstnCalls gives in one request (a longer --list-since would ask for
// the logs in parts of 90 days, each paced as a list page).
const maxLogSpan = graph.MaxLogRange

// logTable is Graph's PSTN and Direct Routing logs of a time range as the
// table `callscope pstn` prints, newest row first: lines[i] is a row,
// cleaned for the terminal; calls[i] is the call record id a Direct
// Routing row names (its correlationId), "" when none.
type logTable struct {
	header string
	lines  []string
	calls  []string
	failed string // a log that failed while the other gave rows: why
}

// fetchCallLogs fetches both logs (Direct Routing, then Calling Plan) of
// [from, to), every page. For a specialist (pseudonymise) both responses
// are pseudonymised as one document, before anything reads them, by
// `callscope redact`'s code: a person or number then has the same
// pseudonym in both logs. A log that fails leaves the other's rows, with
// failed saying why; both failing is the error.
func fetchCallLogs(ctx context.Context, c *GraphClient, from, to time.Time, pseudonymise bool) (*logTable, error) {
	kinds := []pstn.Kind{pstn.DirectRouting, pstn.CallingPlan}
	raws := make([][]byte, len(kinds))
	var errs []error
	for i, k := range kinds {
		raw, err := c.CallLog(ctx, k.Function(), from, to)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			errs = append(errs, err)
			raw = []byte(`{"value":[]}`)
		}
		raws[i] = raw
	}
	if len(errs) == len(kinds) {
		return nil, errors.Join(errs...)
	}
	if pseudonymise {
		both := append(append(append([]byte{'['}, raws[0]...), ','), raws[1]...)
		both = append(both, ']')
		red, err := redactRecord("Graph call logs", both)
		if err != nil {
			return nil, err
		}
		raws[0], raws[1] = []byte(gjson.GetBytes(red, "0").Raw), []byte(gjson.GetBytes(red, "1").Raw)
	}
	var logs [][]*pstn.Row
	for i, k := range kinds {
		log, err := pstn.ParseAs("Graph "+k.Function(), raws[i], k)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		logs = append(logs, log.Rows)
	}
	rows := pstn.Merge(logs...)
	slices.Reverse(rows)
	var b bytes.Buffer
	if err := pstn.WriteTable(&b, rows); err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	t := &logTable{header: lines[0], lines: lines[1:], calls: make([]string, len(rows))}
	for i, r := range rows {
		if id, err := checkRecordID(r.CallRecordID()); err == nil && id != "" {
			t.calls[i] = id
		}
	}
	if len(errs) > 0 {
		t.failed = text.OneLine(errors.Join(errs...).Error())
	}
	return t, nil
}
