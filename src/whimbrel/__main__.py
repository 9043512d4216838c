from whimbrel.cli import main

main()
