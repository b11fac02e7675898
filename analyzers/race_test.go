//go:build race

package analyzers

const raceEnabled = true
