"""Knowledge bases: what warlog knows before it reads a report (the gazetteer of places, the actor
dictionary, ACLED's regions), looked up by the stages and resolvers, deciding nothing about a report."""
