package export

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
)

// sampleFiles are every call record the project ships: Microsoft's and
// CLI for Microsoft 365's examples, crafted records, the demo, and a
// generated meeting (written to a temporary folder).
func sampleFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../testdata/graph/*.json", "../testdata/*.json", "../samples/demo.json"} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			if _, err := load.Source(f, nil); err == nil {
				files = append(files, f)
			}
		}
	}
	if len(files) < 10 {
		t.Fatalf("only %d sample files load", len(files))
	}
	return append(files, generated(t, 300, 7))
}

func generated(t testing.TB, sessions int, seed int64) string {
	var buf bytes.Buffer
	if err := generate.Record(&buf, generate.Options{Sessions: sessions, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "generated.json")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// reportStream is a stream of the JSON report.
type reportStream struct {
	Path, Verdict, Session, StreamID, Media, Kind, Caller, Callee string
	Reasons                                                       []string
}

type reportLine struct {
	ID       string
	Verdicts struct{ Good, Poor, Unclassified int }
	Counts   struct{ Sessions, Streams int }
	Streams  []reportStream
	Findings []struct{ Session, Who, Text, Severity string }
}

func jsonReport(t *testing.T, path string) []reportLine {
	t.Helper()
	f, err := load.Source(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.Write(&b, f, report.FormatJSON); err != nil {
		t.Fatal(err)
	}
	var out []reportLine
	dec := json.NewDecoder(&b)
	for {
		var r reportLine
		if err := dec.Decode(&r); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func exportTo(t *testing.T, o Options, paths ...string) ([]byte, Stats) {
	t.Helper()
	var b bytes.Buffer
	st, err := Export(context.Background(), &b, Sources(paths), o)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), st
}

func ndjsonRows(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var rows []map[string]any
	for line := range strings.SplitSeq(strings.TrimSuffix(string(b), "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %v\n%.300s", err, line)
		}
		rows = append(rows, m)
	}
	return rows
}

// The streams table agrees with the JSON report: the same streams, by path,
// with the same verdicts, reasons and names, so the verdict counts are the
// report's.
func TestStreamsAgreeWithReport(t *testing.T) {
	for _, path := range sampleFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			reps := jsonReport(t, path)
			out, st := exportTo(t, Options{}, path)
			rows := ndjsonRows(t, out)
			var want []reportStream
			counts := map[string]int{}
			for _, r := range reps {
				want = append(want, r.Streams...)
				counts["good"] += r.Verdicts.Good
				counts["poor"] += r.Verdicts.Poor
				counts["unclassified"] += r.Verdicts.Unclassified
			}
			if len(rows) != len(want) || st.Rows != len(want) {
				t.Fatalf("%d rows (stats %d), the report has %d streams", len(rows), st.Rows, len(want))
			}
			got := map[string]int{}
			for i, row := range rows {
				w := want[i]
				got[row["Verdict"].(string)]++
				if row["Path"] != w.Path || row["Verdict"] != w.Verdict || row["MediaKind"] != w.Kind {
					t.Errorf("row %d: path %v verdict %v kind %v; report: %s %s %s", i, row["Path"], row["Verdict"], row["MediaKind"], w.Path, w.Verdict, w.Kind)
				}
				if row["Caller_Name"] != w.Caller || row["Callee_Name"] != w.Callee {
					t.Errorf("row %d: %v → %v; report: %s → %s", i, row["Caller_Name"], row["Callee_Name"], w.Caller, w.Callee)
				}
				if !sameStrings(row["Reasons"], w.Reasons) {
					t.Errorf("row %d: reasons %v; report: %q", i, row["Reasons"], w.Reasons)
				}
				if orEmpty(row["StreamId"]) != w.StreamID || orEmpty(row["SessionId"]) != w.Session || orEmpty(row["MediaLabel"]) != w.Media {
					t.Errorf("row %d: ids %v %v %v; report: %s %s %s", i, row["SessionId"], row["StreamId"], row["MediaLabel"], w.Session, w.StreamID, w.Media)
				}
			}
			for _, v := range []string{"good", "poor", "unclassified"} {
				if got[v] != counts[v] {
					t.Errorf("%s: %d rows, the report counts %d", v, got[v], counts[v])
				}
			}
		})
	}
}

func orEmpty(v any) string {
	s, _ := v.(string)
	return s
}

func sameStrings(v any, want []string) bool {
	l, ok := v.([]any)
	if !ok || len(l) != len(want) {
		return false
	}
	for i := range l {
		if l[i] != want[i] {
			return false
		}
	}
	return true
}

// The findings table holds the report's findings, in its order.
func TestFindingsAgreeWithReport(t *testing.T) {
	for _, path := range sampleFiles(t) {
		reps := jsonReport(t, path)
		out, _ := exportTo(t, Options{Table: Findings}, path)
		rows := ndjsonRows(t, out)
		var want []string
		for _, r := range reps {
			for _, f := range r.Findings {
				want = append(want, f.Severity+"|"+f.Who+"|"+f.Text)
			}
		}
		var got []string
		for _, row := range rows {
			got = append(got, orEmpty(row["Severity"])+"|"+orEmpty(row["Who"])+"|"+orEmpty(row["Text"]))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: findings differ from the report's:\n got %q\nwant %q", filepath.Base(path), first(got, 3), first(want, 3))
		}
	}
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// The sessions and participants tables have one row per session and per
// participant the report counts.
func TestSessionsAndParticipantsCount(t *testing.T) {
	for _, path := range sampleFiles(t) {
		f, err := load.Source(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		var sessions, people int
		for _, r := range f.Records {
			sessions += len(r.Sessions)
			people += len(r.People())
		}
		out, _ := exportTo(t, Options{Table: Sessions}, path)
		if n := len(ndjsonRows(t, out)); n != sessions {
			t.Errorf("%s: %d session rows, want %d", filepath.Base(path), n, sessions)
		}
		out, _ = exportTo(t, Options{Table: Participants}, path)
		if n := len(ndjsonRows(t, out)); n != people {
			t.Errorf("%s: %d participant rows, want %d", filepath.Base(path), n, people)
		}
	}
}

// Values are in base units with real types, and a missing value is null:
// never 0 or "".
func TestStreamValues(t *testing.T) {
	out, _ := exportTo(t, Options{}, "../samples/demo.json")
	rows := ndjsonRows(t, out)
	var audio, video map[string]any
	for _, r := range rows {
		if r["MediaLabel"] == "main-audio" && audio == nil && r["AverageJitterSeconds"] != nil {
			audio = r
		}
		if r["MediaLabel"] == "main-video" && video == nil {
			video = r
		}
	}
	if audio == nil || video == nil {
		t.Fatal("no audio or video row in the demo")
	}
	for _, row := range rows {
		for k, v := range row {
			if v == "" {
				t.Errorf("%s is \"\": missing values are null", k)
			}
		}
	}
	// The demo's first audio stream: jitter PT0.004S, loss 0.001, round trip PT0.031S.
	if j, ok := audio["AverageJitterSeconds"].(float64); !ok || j <= 0 || j >= 1 {
		t.Errorf("AverageJitterSeconds = %v, want seconds", audio["AverageJitterSeconds"])
	}
	if _, ok := audio["CallStartTime"].(string); !ok {
		t.Errorf("CallStartTime = %v", audio["CallStartTime"])
	}
	if _, err := time.Parse(time.RFC3339Nano, audio["CallStartTime"].(string)); err != nil {
		t.Error(err)
	}
	if audio["AverageVideoFrameRate"] != nil {
		t.Errorf("an audio stream's frame rate is %v, want null", audio["AverageVideoFrameRate"])
	}
	if _, ok := video["AverageVideoFrameRate"].(float64); !ok {
		t.Errorf("a video stream's frame rate is %v", video["AverageVideoFrameRate"])
	}
	if v, ok := audio["WasMediaBypassed"]; ok && v != nil {
		if _, isBool := v.(bool); !isBool {
			t.Errorf("WasMediaBypassed = %v, want a boolean", v)
		}
	}
	if _, ok := audio["Version"].(float64); !ok {
		t.Errorf("Version = %v", audio["Version"])
	}
}

// A zero in the record stays 0; its absence is null.
func TestZeroIsNotNull(t *testing.T) {
	rec := `{"id":"c1","version":1,"type":"peerToPeer","startDateTime":"2026-11-01T10:00:00Z","sessions":[{"id":"s1","segments":[{"id":"g1","media":[{"label":"main-audio","streams":[` +
		`{"streamId":"1","streamDirection":"callerToCaller","averagePacketLossRate":0,"packetUtilization":0,"averageJitter":"PT0S"},` +
		`{"streamId":"2","streamDirection":"calleeToCaller"}]}]}]}]}`
	p := filepath.Join(t.TempDir(), "zero.json")
	if err := os.WriteFile(p, []byte(rec), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{NDJSON, Parquet, CSV} {
		out, _ := exportTo(t, Options{Format: f}, p)
		vals := cellsOf(t, f, out, "AveragePacketLossRate", "PacketUtilization", "AverageJitterSeconds", "AudioCodec")
		if want := [][]string{{"0", "0", "0", "null"}, {"null", "null", "null", "null"}}; !slices.EqualFunc(vals, want, slices.Equal) {
			t.Errorf("%s: %q, want %q", f, vals, want)
		}
	}
}

// cellsOf reads the named columns of every row of an export as text, "null"
// for a missing value (an empty CSV cell).
func cellsOf(t *testing.T, f Format, out []byte, names ...string) [][]string {
	t.Helper()
	var rows [][]string
	switch f {
	case NDJSON:
		for _, r := range ndjsonRows(t, out) {
			var row []string
			for _, n := range names {
				b, _ := json.Marshal(r[n])
				row = append(row, strings.Trim(string(b), `"`))
			}
			rows = append(rows, row)
		}
	case CSV:
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs[1:] {
			var row []string
			for _, n := range names {
				i := slices.Index(recs[0], n)
				if rec[i] == "" {
					row = append(row, "null")
				} else {
					row = append(row, rec[i])
				}
			}
			rows = append(rows, row)
		}
	case Parquet:
		pf, err := parquet.OpenFile(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatal(err)
		}
		r := parquet.NewReader(pf)
		for {
			row := make(parquet.Row, 0)
			rs := []parquet.Row{row}
			n, err := r.ReadRows(rs)
			if n == 0 && (errors.Is(err, io.EOF) || err == nil) {
				break
			}
			var cells []string
			for _, name := range names {
				leaf, ok := lookupLeaf(pf, name)
				if !ok {
					t.Fatalf("no column %s", name)
				}
				v := valueAt(rs[0], leaf.ColumnIndex)
				if v.IsNull() {
					cells = append(cells, "null")
				} else if v.Kind() == parquet.Double {
					cells = append(cells, formatFloat(v.Double()))
				} else {
					cells = append(cells, v.String())
				}
			}
			rows = append(rows, cells)
			if errors.Is(err, io.EOF) {
				break
			}
		}
	}
	return rows
}

func formatFloat(f float64) string {
	return string(appendFloat(nil, f))
}

// Parquet read back: the rows, types and nulls are NDJSON's, for every
// sample and a generated meeting.
func TestParquetReadBack(t *testing.T) {
	for _, path := range sampleFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			reps := jsonReport(t, path)
			streams := 0
			for _, r := range reps {
				streams += r.Counts.Streams
			}
			pq, st := exportTo(t, Options{Format: Parquet}, path)
			pf, err := parquet.OpenFile(bytes.NewReader(pq), int64(len(pq)))
			if err != nil {
				t.Fatal(err)
			}
			if pf.NumRows() != int64(streams) || st.Rows != streams {
				t.Fatalf("%d rows, the report counts %d streams", pf.NumRows(), streams)
			}
			if got, _ := pf.Lookup("callscope.table"); got != "streams" {
				t.Error("no table name in the metadata")
			}
			checkParquetTypes(t, pf)
			if streams == 0 {
				return
			}
			nd, _ := exportTo(t, Options{}, path)
			names := []string{"CallId", "Path", "Verdict", "CallStartTime", "AveragePacketLossRate", "AverageJitterSeconds",
				"PacketUtilization", "WasMediaBypassed", "Caller_WifiSignalStrength", "Caller_Name", "Callee_UserPrincipalName", "Reasons"}
			a, b := cellsOf(t, NDJSON, nd, names...), cellsOf(t, Parquet, pq, names...)
			for i := range a {
				for j := range a[i] {
					if !sameCell(names[j], a[i][j], b[i][j]) {
						t.Errorf("row %d %s: NDJSON %q, Parquet %q", i, names[j], a[i][j], b[i][j])
					}
				}
			}
		})
	}
}

// sameCell compares a cell as NDJSON and Parquet show it: a time is the
// same instant (Parquet keeps microseconds), a list the same first element.
func sameCell(name, nd, pq string) bool {
	if nd == pq {
		return true
	}
	if strings.HasSuffix(name, "Time") {
		a, err1 := time.Parse(time.RFC3339Nano, nd)
		b, err2 := time.Parse("2006-01-02T15:04:05.999999Z07:00", pq)
		if err1 != nil || err2 != nil {
			// Parquet's String of a timestamp is its integer: microseconds.
			return err1 == nil && pq == itoa(a.UnixMicro())
		}
		return a.Truncate(time.Microsecond).Equal(b)
	}
	if name == "Reasons" { // NDJSON ["a","b"]; Parquet's first value "a"
		var l []string
		json.Unmarshal([]byte(nd), &l)
		return len(l) == 0 && pq == "null" || len(l) > 0 && l[0] == pq
	}
	return false
}

func itoa(n int64) string { return string(appendFloat(nil, float64(n))) }

func checkParquetTypes(t *testing.T, pf *parquet.File) {
	t.Helper()
	for _, c := range Streams.Columns {
		leaf, ok := lookupLeaf(pf, c.Name)
		if !ok {
			t.Errorf("no column %s", c.Name)
			continue
		}
		var want parquet.Kind
		switch c.Type {
		case String, Strings:
			want = parquet.ByteArray
		case Int, Int32, Time:
			want = parquet.Int64
		case Float:
			want = parquet.Double
		case Bool:
			want = parquet.Boolean
		}
		if got := leaf.Node.Type().Kind(); got != want {
			t.Errorf("%s is %v in Parquet, want %v", c.Name, got, want)
		}
		if c.Type != Strings && !leaf.Node.Optional() {
			t.Errorf("%s is not optional", c.Name)
		}
		if lt := leaf.Node.Type().LogicalType(); c.Type == Time && (lt == nil || !strings.Contains(lt.String(), "TIMESTAMP(isAdjustedToUTC=true,unit=MICROS)")) {
			t.Errorf("%s is no timestamp", c.Name)
		}
	}
	if got := pf.Metadata().RowGroups; len(got) > 0 && got[0].Columns[0].MetaData.Codec.String() != "ZSTD" {
		t.Errorf("codec %v, want ZSTD", got[0].Columns[0].MetaData.Codec)
	}
}

// A big table is cut into row groups of DuckDB's size, in the middle of a
// chunk of rows too, a list's values with their row.
func TestParquetRowGroups(t *testing.T) {
	path := generated(t, 1200, 3) // about 5,000 streams
	var b bytes.Buffer
	if _, err := Export(context.Background(), &b, Sources([]string{path}), Options{Format: Parquet, rowGroupRows: 1000, Compression: "snappy"}); err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pf.RowGroups()); n != int((pf.NumRows()+999)/1000) {
		t.Errorf("%d row groups for %d rows", n, pf.NumRows())
	}
	for _, g := range pf.RowGroups()[:len(pf.RowGroups())-1] {
		if g.NumRows() != 1000 {
			t.Errorf("a row group of %d rows", g.NumRows())
		}
	}
	if c := pf.Metadata().RowGroups[0].Columns[0].MetaData.Codec.String(); c != "SNAPPY" {
		t.Errorf("codec %s", c)
	}
	whole, _ := exportTo(t, Options{Format: Parquet}, path)
	cut, one := parquetRows(t, b.Bytes()), parquetRows(t, whole)
	if len(cut) != len(one) || len(cut) < 4000 {
		t.Fatalf("%d rows cut into row groups, %d in one", len(cut), len(one))
	}
	for i := range cut {
		if !cut[i].Equal(one[i]) {
			t.Fatalf("row %d differs once cut into row groups", i)
		}
	}
}

// parquetRows reads a Parquet file's rows.
func parquetRows(t *testing.T, b []byte) []parquet.Row {
	t.Helper()
	pf, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	var out []parquet.Row
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			out = append(out, row.Clone())
		}
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// CSV is RFC 4180 with a header; record text that would start a formula is
// defused, numbers are not.
func TestCSV(t *testing.T) {
	rec := `{"id":"c1","version":2,"type":"peerToPeer","sessions":[{"id":"s1","segments":[{"id":"g1",` +
		`"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","associatedIdentity":{"id":"u1","displayName":"=HYPERLINK(\"http://x\",\"a, b\")"}},` +
		`"callee":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","associatedIdentity":{"id":"u2","displayName":"@SUM(1)"}},` +
		`"media":[{"label":"main-audio","callerDevice":{"sentSignalLevel":-42},"callerNetwork":{"subnet":"-10.0.0.0","ipAddress":"+1"},"streams":[{"streamId":"7","streamDirection":"callerToCallee","averageJitter":"PT0.5S"}]}]}]}]}`
	p := filepath.Join(t.TempDir(), "formula.json")
	if err := os.WriteFile(p, []byte(rec), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exportTo(t, Options{Format: CSV}, p)
	if !bytes.HasSuffix(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) != 2 {
		t.Errorf("want a header and one row, CRLF each: %q", out)
	}
	r := csv.NewReader(bytes.NewReader(out))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], columnNames(Streams)) {
		t.Errorf("header %q", recs[0][:5])
	}
	cell := func(name string) string { return recs[1][slices.Index(recs[0], name)] }
	for name, want := range map[string]string{
		"Caller_Name":            `'=HYPERLINK("http://x","a, b")`,
		"Callee_Name":            `'@SUM(1)`,
		"Caller_Subnet":          `'-10.0.0.0`,
		"Caller_IpAddress":       `'+1`,
		"Caller_SentSignalLevel": "-42",
		"AverageJitterSeconds":   "0.5",
		"Version":                "2",
		"CallStartTime":          "",
	} {
		if got := cell(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func columnNames(t *Table) []string {
	var out []string
	for _, c := range t.Columns {
		out = append(out, c.Name)
	}
	return out
}

// Text from a record is cleaned as everywhere callscope writes it: no
// control characters or escape sequences reach a file.
func TestTextIsCleaned(t *testing.T) {
	rec := `{"id":"c1","sessions":[{"id":"s1","segments":[{"id":"g1",` +
		`"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","associatedIdentity":{"id":"u1","displayName":"Eve\u001b]52;c;AAAA\u0007 Line\nTwo"}},` +
		`"media":[{"label":"main-audio","streams":[{"streamId":"7"}]}]}]}]}`
	p := filepath.Join(t.TempDir(), "esc.json")
	if err := os.WriteFile(p, []byte(rec), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{NDJSON, CSV, Parquet} {
		out, _ := exportTo(t, Options{Format: f}, p)
		if f != Parquet && bytes.ContainsAny(out, "\x1b\x07") || bytes.Contains(out, []byte("Line\nTwo")) || bytes.Contains(out, []byte(`Line\nTwo`)) {
			t.Errorf("%s: a control character reached the output", f)
		}
		if vals := cellsOf(t, f, out, "Caller_Name"); len(vals) != 1 || vals[0][0] != "Eve Line Two" {
			t.Errorf("%s: name %q", f, vals)
		}
	}
}

// A directory is walked for .json and .json.gz; a bad file is told with its
// path and skipped; the output is the same whatever the workers.
func TestDirectoryBadFilesAndOrder(t *testing.T) {
	dir := t.TempDir()
	demo, err := os.ReadFile("../samples/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "2026-11-01"), 0o700)
	if err := os.WriteFile(filepath.Join(dir, "2026-11-01", "a.json"), demo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2026-11-01", "b.json"), []byte(`{"id": "cut off`), 0o600); err != nil {
		t.Fatal(err)
	}
	gz := gzipBytes(t, demo)
	if err := os.WriteFile(filepath.Join(dir, "2026-11-01", "c.json.gz"), gz, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a record"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2026-11-01", ".c.json.gz.123.tmp"), gz[:10], 0o600); err != nil {
		t.Fatal(err)
	}
	gen := generated(t, 400, 2)
	g, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "z.json"), g, 0o600); err != nil {
		t.Fatal(err)
	}

	var bad []string
	var outs [][]byte
	for _, workers := range []int{1, 2, 5} {
		bad = nil
		o := Options{Workers: workers, Bad: func(err error) { bad = append(bad, err.Error()) }}
		out, st := exportTo(t, o, dir, filepath.Join(dir, "missing.json"))
		outs = append(outs, out)
		if st.Files != 3 || st.Bad != 2 {
			t.Errorf("workers %d: %+v, want 3 files and 2 bad", workers, st)
		}
	}
	if len(bad) != 2 || !strings.Contains(bad[0], filepath.Join("2026-11-01", "b.json")) || !strings.Contains(bad[1], "missing.json") {
		t.Errorf("bad files told as %q", bad)
	}
	for _, o := range outs[1:] {
		if !bytes.Equal(o, outs[0]) {
			t.Error("the output depends on the number of workers")
		}
	}
	rows := ndjsonRows(t, outs[0])
	var paths []string
	for _, r := range rows {
		if len(paths) == 0 || paths[len(paths)-1] != r["CallId"] {
			paths = append(paths, r["CallId"].(string))
		}
	}
	if len(rows) < 40 {
		t.Errorf("%d rows", len(rows))
	}
}

// A directory's links are followed to their files, not into directories
// (no loops); a link to nothing is told; a directory with no export in it
// is told rather than giving nothing in silence.
func TestDirectoryLinksAndEmpty(t *testing.T) {
	dir, empty := t.TempDir(), t.TempDir()
	demo, err := filepath.Abs("../samples/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range [][2]string{{demo, "demo.json"}, {dir, "loop.json"}, {filepath.Join(dir, "gone.json"), "dangling.json"}} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	var bad []string
	o := Options{Bad: func(err error) { bad = append(bad, err.Error()) }}
	out, st := exportTo(t, o, dir, empty)
	alone, _ := exportTo(t, Options{}, demo)
	if st.Files != 1 || st.Bad != 2 || !bytes.Equal(out, alone) {
		t.Errorf("%+v; want the linked demo's rows, and two bad", st)
	}
	if len(bad) != 2 || !strings.Contains(bad[0], "dangling.json") || !strings.Contains(bad[1], "no .json or .json.gz files") {
		t.Errorf("told %q", bad)
	}
}

// Every column CRI's table has is named as CRI names it, with CRI's type;
// a value in another unit never takes a CRI name.
func TestCRINames(t *testing.T) {
	for _, tb := range Tables {
		for _, c := range tb.Columns {
			want, isCRI := criColumns[c.Name]
			if c.CRI != isCRI {
				t.Errorf("%s.%s: CRI %v, but CRI's table has it: %v", tb.Name, c.Name, c.CRI, isCRI)
			}
			if isCRI && want != c.Type.String() && !(want == "guid" && c.Type == String) {
				t.Errorf("%s.%s is %s, CRI's is %s", tb.Name, c.Name, c.Type, want)
			}
		}
	}
	names := map[string]bool{}
	for _, c := range Streams.Columns {
		if names[c.Name] {
			t.Errorf("two columns %s", c.Name)
		}
		names[c.Name] = true
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"ndjson": NDJSON, "JSONL": NDJSON, "csv": CSV, "parquet": Parquet} {
		if got, err := ParseFormat(in); got != want || err != nil {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xlsx"); err == nil {
		t.Error("xlsx accepted")
	}
	if FormatOf("a.PARQUET") != Parquet || FormatOf("x.csv") != CSV || FormatOf("x") != NDJSON {
		t.Error("FormatOf")
	}
	if _, err := TableNamed("calls"); err == nil {
		t.Error("unknown table accepted")
	}
}

func gzipBytes(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lookupLeaf finds a column's leaf: a list's is Name.list.element.
func lookupLeaf(pf *parquet.File, name string) (parquet.LeafColumn, bool) {
	if l, ok := pf.Schema().Lookup(name); ok {
		return l, true
	}
	return pf.Schema().Lookup(name, "list", "element")
}

// valueAt is a row's (first) value of a column: a list has several.
func valueAt(row parquet.Row, column int) parquet.Value {
	for _, v := range row {
		if v.Column() == column {
			return v
		}
	}
	return parquet.Value{}
}

// sizesWriter records the size of every Write.
type sizesWriter struct {
	bytes.Buffer
	sizes []int
}

func (w *sizesWriter) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.Buffer.Write(p)
}

// Text is handed to the output in writes of at most WriteBytes (big ones
// cost the kernel several times more), and the bytes are those of one
// unsplit write.
func TestTextWritesAreSmall(t *testing.T) {
	path := generated(t, 300, 3)
	for _, f := range []Format{NDJSON, CSV} {
		want, _ := exportTo(t, Options{Format: f}, path)
		var w sizesWriter
		if _, err := Export(context.Background(), &w, Sources([]string{path}), Options{Format: f}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w.Bytes(), want) {
			t.Fatalf("%s: the bytes differ from an export to a buffer", f)
		}
		if len(want) < 4*WriteBytes {
			t.Fatalf("%s: only %d bytes: too few to show the writes' size", f, len(want))
		}
		for _, n := range w.sizes {
			if n > WriteBytes {
				t.Fatalf("%s: a write of %d bytes, more than %d", f, n, WriteBytes)
			}
		}
	}
}
