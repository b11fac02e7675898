// Command kensaku is a bilingual Japanese/English full-text search engine.
//
// Usage:
//
//	kensaku <command> [flags] [arguments]
//
// Run "kensaku help" for the list of commands and "kensaku <command> --help"
// for the flags of one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// command is one subcommand of kensaku.
type command struct {
	name  string
	usage string // argument synopsis, after the command name
	short string // one-line description
	run   func(ctx context.Context, env *env, args []string) error
}

// env carries the process's standard streams, so that commands can be run
// from tests with buffers.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// commands is the table of subcommands; it yields the help text. It is
// filled in init because the commands themselves read it for their usage.
var commands []command

func init() {
	commands = []command{
		{"search", "[--index DIR] [--json] [--size N] [--from N] [--filter field:value]... [--glossary FILE]... [--no-highlight] [--no-expand] [--explain] [--dsl] QUERY...\n       kensaku search [--index DIR] --json --queries FILE", "search an index, or the built-in corpus", runSearch},
		{"index", "--index DIR [--glossary FILE]... [--user-dict FILE] [--update] INPUT...", "build or replace an index from files and directories, or update it (--update)", runIndex},
		{"delete", "--index DIR (--document NAME | --id ID)...", "delete documents or passages from an index without a rebuild", runDelete},
		{"optimize", "--index DIR", "merge the segments updates have added to an index into one", runOptimize},
		{"serve", "[--index DIR] [--glossary FILE]... [--addr 127.0.0.1:8080] [--log-format text|json] [--timeout 10s]", "serve the HTTP search endpoint and search page", runServe},
		{"analyze", "[--analyzer NAME] [--json] [--user-dict FILE] [TEXT...]", "show the tokens an analyzer makes of TEXT", runAnalyze},
		{"passages", "[--json] INPUT...", "print the passages read from files, after repair", runPassages},
		{"glossary", "[--index DIR] [--glossary FILE]... [--source corpus|curated|user|edict|sudachi] [--json] [TEXT...]", "list the glossary in use, or the expansions of the terms in TEXT (alias: acronyms)", runGlossary},
		{"export", "--format opensearch [--index DIR] [--glossary FILE]... [--bulk-size 10MB] [--index-name NAME] [--inline-synonyms] OUT", "write an index as OpenSearch/Elasticsearch settings, synonyms and _bulk files", runExport},
		{"check", "--index DIR", "verify an index: every file's checksum, passage counts", runCheck},
		{"version", "", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.Is(err, errPartial):
		// The summary on stderr has said what was skipped.
		os.Exit(3)
	default:
		fmt.Fprintf(os.Stderr, "kensaku: %v\n", err)
		os.Exit(1)
	}
}

// errUsage reports a usage error whose message has already been printed.
var errUsage = errors.New("usage error")

// errPartial reports that a command did its work but left some input out
// (exit status 3); what was left out has already been printed.
var errPartial = errors.New("some inputs were skipped")

// run dispatches args to a subcommand.
func run(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stderr)
		return errUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run(ctx, e, []string{args[1], "--help"})
		}
		printUsage(e.stdout)
		return nil
	}
	if name == "acronyms" { // the glossary command's former name
		name = "glossary"
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "kensaku: unknown command %q; run \"kensaku help\"\n", name)
	return errUsage
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "kensaku: bilingual Japanese/English full-text search\n\nUsage:\n\n  kensaku <command> [flags] [arguments]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun \"kensaku <command> --help\" for the flags of a command.\n")
}

// newFlagSet returns a flag set for command name whose usage message prints
// the command's synopsis and flags to e.stderr.
func newFlagSet(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var c command
	for _, cc := range commands {
		if cc.name == name {
			c = cc
		}
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kensaku %s %s\n\n%s.\n", c.name, c.usage, upperFirst(c.short))
		if hasFlags(fs) {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args with fs. A parse error is printed as one line
// with the command's name and a pointer to its --help, and returned as
// errUsage; --help prints the whole usage and returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard) // the flag package prints the error and the usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return err
	}
	fmt.Fprintf(out, "kensaku %s: %v (run \"kensaku %s --help\" for the flags)\n", fs.Name(), err, fs.Name())
	return errUsage
}

// checkRange reports a usage error, printed as parseFlags prints one, when
// the value of flag name is outside [lo, hi].
func checkRange(fs *flag.FlagSet, name string, value, lo, hi int) error {
	if value >= lo && value <= hi {
		return nil
	}
	msg := fmt.Sprintf("--%s %d: want a number from %d to %d", name, value, lo, hi)
	fmt.Fprintf(fs.Output(), "kensaku %s: %s (run \"kensaku %s --help\" for the flags)\n", fs.Name(), msg, fs.Name())
	return fmt.Errorf("%s: %w", msg, errUsage)
}

// parseInterleaved parses args with fs and returns the positional words,
// accepting the flags fs defines after words too (kensaku search SSA
// --json). An argument that starts with "-" but names no flag of fs is a
// word: a query's -excluded term stays in the query.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		i := 0
		for i < len(rest) && !namesFlag(fs, rest[i]) {
			words = append(words, rest[i])
			i++
		}
		if i == len(rest) {
			return words, nil
		}
		args = rest[i:]
	}
}

// namesFlag reports whether arg is -name, --name or -name=value for a
// flag that fs defines.
func namesFlag(fs *flag.FlagSet, arg string) bool {
	name, ok := strings.CutPrefix(arg, "-")
	if !ok || name == "" {
		return false
	}
	name = strings.TrimPrefix(name, "-")
	name, _, _ = strings.Cut(name, "=")
	return name != "" && fs.Lookup(name) != nil
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return fmt.Sprint(*l) }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
