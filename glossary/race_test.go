//go:build race

package glossary

const raceEnabled = true
