#!/bin/sh
set -e
npx cdktn get
cdktn diff payments-dev
