CREATE TABLE public.planted (x int);
COMMIT AND CHAIN;
