package ui

// ctrl+z stops the program only when a shell can bring it back. Bubble Tea
// suspends by sending SIGTSTP to the process group and waiting for SIGCONT.
// When callscope is the first process of its terminal session (ssh -t host
// callscope, a tmux window or a docker exec that runs it directly, or a
// shell without job control running it) its process group is orphaned: the
// kernel discards the stop, nobody could send SIGCONT anyway, and the
// program would wait forever on a blank screen with its keys dead.
//
// A job-control shell puts each job in a process group of its own, in its
// session, and makes it the terminal's foreground group; so callscope can
// be resumed when its process group is not its session's (the session
// leader's), its group is the terminal's foreground group, and its parent
// is in the same session (a wrapper script in the same group is fine: the
// shell that started the script is the one to resume the job).

// jobState is what the operating system says about the process and its
// terminal.
type jobState struct {
	supported bool // the OS stops processes on SIGTSTP (Unix)
	pgrp, sid int  // the process group and the session
	fg        int  // the terminal's foreground process group; -1: no controlling terminal
	parentSid int  // the parent's session; -1 when it could not be read
	parentOut bool // the parent is in another session (reading its session was refused)
}

// noShell fits an 80-column footer; README says when it shows.
const noShell = "can't suspend: no job-control shell here to resume callscope"

// suspendVerdict says whether ctrl+z may suspend, and if not why, as the
// footer says it.
func suspendVerdict(s jobState) (bool, string) {
	switch {
	case !s.supported:
		return false, "ctrl+z: suspending needs a Unix shell with job control"
	case s.fg < 0:
		return false, "can't suspend: no controlling terminal"
	case s.pgrp == s.sid:
		return false, noShell
	case s.fg != s.pgrp:
		return false, "can't suspend: callscope is not the terminal's foreground job"
	case s.parentOut || (s.parentSid >= 0 && s.parentSid != s.sid):
		return false, noShell
	}
	return true, ""
}

// suspendCheck is asked on each ctrl+z; tests replace it.
var suspendCheck = func() (bool, string) { return suspendVerdict(readJobState()) }
