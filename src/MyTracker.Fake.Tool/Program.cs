// The standalone fake tracker's entry point; the command line arrives with the tool issue.
return 0;
