// Package export flattens loaded call records into tables (one row per
// stream, session, finding or participant) and writes them as NDJSON, CSV
// or Parquet for the engines people analyse many calls with (Azure Data
// Explorer, DuckDB, Log Analytics, Power BI).
//
// Rows come from the loaded model, so a row's names, verdict, reasons and
// findings are the explorer's and the JSON report's. Column names follow
// CallRecordInsights' Kusto table where the value and its unit are the
// same, so rows drop into an existing table; values are in base units
// (seconds, ratios 0–1, bits/s), and a missing value is null, never 0 or "".
package export

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
)

// Type is a column's type.
type Type uint8

const (
	String  Type = iota
	Int          // 64-bit integer
	Int32        // CRI's int columns: ports, Wi-Fi channel and percentages, counts
	Float        // double
	Bool         //
	Time         // instant, UTC; microseconds in Parquet
	Strings      // a list of strings: NDJSON array, Parquet LIST, CSV joined with "; "
)

func (t Type) String() string {
	return [...]string{"string", "long", "int", "real", "bool", "datetime", "dynamic"}[t]
}

// Column is one column of a table.
type Column struct {
	Name string
	Type Type
	// CRI is set when CallRecordInsights' Kusto table has a column of this
	// name holding the same value in the same unit.
	CRI bool
	// Doc says where the value comes from, for the README.
	Doc string
	// Dict asks Parquet to dictionary-encode the column: few distinct values.
	Dict bool
}

// Value is one cell. OK false is null.
type Value struct {
	OK bool
	S  string   // String
	N  int64    // Int, Int32, Bool (0 or 1), Time (Unix nanoseconds)
	F  float64  // Float
	L  []string // Strings
}

var null Value

func str(s string) Value {
	if s == "" {
		return null // missing is null, never ""
	}
	return Value{OK: true, S: s}
}

func integer(n int64) Value { return Value{OK: true, N: n} }

func optInt(o data.Opt[int64]) Value {
	if !o.OK {
		return null
	}
	return Value{OK: true, N: o.V}
}

func optFloat(o data.Opt[float64]) Value {
	if !o.OK || math.IsNaN(o.V) || math.IsInf(o.V, 0) {
		return null
	}
	return Value{OK: true, F: o.V}
}

// optIntAsFloat is an integer of the record in a column of reals (CRI's
// signal and noise levels).
func optIntAsFloat(o data.Opt[int64]) Value {
	if !o.OK {
		return null
	}
	return Value{OK: true, F: float64(o.V)}
}

func optBool(o data.Opt[bool]) Value {
	if !o.OK {
		return null
	}
	return boolean(o.V)
}

func boolean(b bool) Value {
	if b {
		return Value{OK: true, N: 1}
	}
	return Value{OK: true}
}

// seconds is a duration in seconds, the base unit.
func seconds(o data.Opt[time.Duration]) Value {
	if !o.OK {
		return null
	}
	return Value{OK: true, F: o.V.Seconds()}
}

func instant(t time.Time) Value {
	if t.IsZero() {
		return null
	}
	return Value{OK: true, N: t.UnixNano()}
}

func list(l []string) Value { return Value{OK: true, L: l} }

// Table is one kind of row. A record's rows come in units (its sessions,
// or its findings) so that a big meeting's rows are made on every core, a
// stretch of units each, and written in order.
type Table struct {
	Name    string
	Columns []Column
	// units prepares a record and says how many units it has.
	units func(c *Call) int
	// rows calls emit for each row of units lo to hi. row is the buffer to
	// fill (len(Columns)); emit must not keep it. from is the first level
	// whose columns changed since the call's previous row (lvCall for its
	// first): an encoder keeps the other columns' encoding.
	rows func(c *Call, lo, hi int, row []Value, emit func(row []Value, from level))
	// levels is each column's level.
	levels []level
	// rowsOf counts a record's rows when they are not its units.
	rowsOf func(c *Call) int
	// findings: its rows need Record.Findings, which are otherwise not
	// worked out.
	findings bool
}

// Call is one record of one file, with what every row of it shares.
type Call struct {
	File   *data.File
	Record *data.Record
	Names  *data.Names

	findings []data.Finding
	people   []data.Person
}

// Tables are the tables export writes, the default first.
var Tables = []*Table{Streams, Sessions, Findings, Participants}

// TableNamed finds a table by name.
func TableNamed(name string) (*Table, error) {
	var names []string
	for _, t := range Tables {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("unknown table %q: use %s", name, strings.Join(names, ", "))
}

// Rows calls emit for every row of a record, in order: what a writer
// receives, without the parallel pipeline (tests, small uses).
func (t *Table) Rows(f *data.File, r *data.Record, emit func([]Value)) {
	c := &Call{File: f, Record: r, Names: r.Names()}
	n := t.units(c)
	row := make([]Value, len(t.Columns))
	t.rows(c, 0, n, row, func(row []Value, _ level) { emit(row) })
}

// callColumns are the columns every table starts with: which call.
func callColumns() []col[*Call] {
	return []col[*Call]{
		{Column: Column{Name: "CallId", Type: String, CRI: true, Doc: "the call record's `id`"}, get: func(c *Call) Value { return str(c.Record.ID) }},
		{Column: Column{Name: "Version", Type: Int, Doc: "the record's `version`: it grows when Graph updates the record"}, get: func(c *Call) Value { return optInt(c.Record.Version) }},
		{Column: Column{Name: "CallType", Type: String, CRI: true, Dict: true, Doc: "`type`: groupCall, peerToPeer, …"}, get: func(c *Call) Value { return str(c.Record.Type) }},
		{Column: Column{Name: "CallStartTime", Type: Time, CRI: true, Doc: "the call's `startDateTime`"}, get: func(c *Call) Value { return instant(c.Record.Start) }},
		{Column: Column{Name: "CallEndTime", Type: Time, CRI: true, Doc: "the call's `endDateTime`"}, get: func(c *Call) Value { return instant(c.Record.End) }},
	}
}

// col is a column and how to get its value from a row's context.
type col[C any] struct {
	Column
	get   func(C) Value
	level level // what it belongs to: its value changes only with that
}

// level is the node a value belongs to. Rows are filled a level at a time:
// a stream's row changes only its own columns from its neighbour's.
type level uint8

const (
	lvCall level = iota
	lvSession
	lvSegment
	lvMedia
	lvStream // the row's own: a stream's, or a session's, finding's or participant's row
)

// levels indexes columns by level.
type levels [lvStream + 1][]int

func levelsOf[C any](cols []col[C]) levels {
	var l levels
	for i, c := range cols {
		l[c.level] = append(l[c.level], i)
	}
	return l
}

// fillLevel sets the row's columns of one level.
func fillLevel[C any](cols []col[C], idx []int, ctx C, row []Value) {
	for _, i := range idx {
		row[i] = cols[i].get(ctx)
	}
}

// at sets the level of columns.
func at[C any](lv level, cols ...col[C]) []col[C] {
	for i := range cols {
		cols[i].level = lv
	}
	return cols
}

// lift turns columns of one context into columns of another that holds it.
func lift[A, B any](cols []col[A], of func(B) A) []col[B] {
	out := make([]col[B], len(cols))
	for i, c := range cols {
		get := c.get
		out[i] = col[B]{c.Column, func(b B) Value { return get(of(b)) }, c.level}
	}
	return out
}

// newTable makes a table of columns; rows is set by the caller.
func newTable[C any](name string, cols []col[C]) *Table {
	t := &Table{Name: name, Columns: make([]Column, len(cols)), levels: make([]level, len(cols))}
	for i, c := range cols {
		t.Columns[i], t.levels[i] = c.Column, c.level
	}
	return t
}

// eachRow is the rows of a table of one row per unit whose columns are
// the call's (lvCall) or the row's own (lvStream).
func eachRow[C any](cols []col[C], lv *levels, x C, row []Value, lo, hi int, set func(i int), emit func([]Value, level)) {
	fillLevel(cols, lv[lvCall], x, row)
	from := lvCall
	for i := lo; i < hi; i++ {
		set(i)
		fillLevel(cols, lv[lvStream], x, row)
		emit(row, from)
		from = lvStream
	}
}
